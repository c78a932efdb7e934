import type { Member } from '../../../../src-shared/domain';
import { SeededRandom } from './seeded-random';
import { locationIdFor, locationPlan, locationPlans, type LocationKey, type LocationPlan } from './studio-plan';

/**
 * The demo studio's members: a few hundred invented people, the same ones on
 * every run. Each has a home location, where they book their classes.
 */

export const MEMBER_COUNT = 320;
const FIRST_MEMBER_NUMBER = 10001;

const berlinFirstNames = [
  'Lena', 'Jonas', 'Mia', 'Felix', 'Hannah', 'Lukas', 'Emma', 'Paul', 'Sophie', 'Leon', 'Marie', 'Finn',
  'Clara', 'Elias', 'Anna', 'Noah', 'Lea', 'Ben', 'Johanna', 'Moritz', 'Greta', 'Jan', 'Frieda', 'Till',
  'Ida', 'Niklas', 'Paula', 'Tobias', 'Katharina', 'Maximilian', 'Ayşe', 'Mehmet', 'Zeynep', 'Luca', 'Olga', 'Piotr',
];
const berlinLastNames = [
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
  'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann',
  'Lange', 'Yılmaz', 'Kowalski', 'Nowak', 'Şahin', 'Lehmann', 'Köhler', 'Weiß', 'Jung', 'Vogt',
];
const brooklynFirstNames = [
  'Olivia', 'Liam', 'Ava', 'Ethan', 'Sophia', 'Mason', 'Isabella', 'Lucas', 'Mia', 'Jayden', 'Amelia', 'Elijah',
  'Harper', 'Daniel', 'Evelyn', 'Mateo', 'Abigail', 'Aiden', 'Chloe', 'Isaiah', 'Grace', 'Caleb', 'Zoe', 'Malik',
  'Nora', 'Diego', 'Hazel', 'Jamal', 'Aaliyah', 'Samuel', 'Ruth', 'Yuki', 'Ana', 'Tomás', 'Deja', 'Noor',
];
const brooklynLastNames = [
  'Johnson', 'Williams', 'Garcia', 'Rodriguez', 'Nguyen', 'Kim', 'Patel', 'Cohen', "O'Brien", 'Rossi',
  'Goldberg', 'Washington', 'Martinez', 'Lee', 'Brown', 'Davis', 'Thompson', 'Rivera', 'Murphy', 'Chen',
  'Okafor', 'Friedman', 'Jackson', 'Lopez', 'Greene', 'Schwartz', 'Hernandez', 'Walker', 'Diaz', 'Morales',
];
const emailDomains = ['example.com', 'example.org', 'example.net'];

export interface StudioMember {
  member: Member;
  home: LocationKey;
}

/** Member ids are built from the member number, so an id alone says who it is. */
export const memberIdFor = (memberNumber: number): string => `demo:member:${memberNumber}`;

export function studioMembers(connectionId: string): StudioMember[] {
  const usedEmails = new Set<string>();
  const members: StudioMember[] = [];
  for (let index = 0; index < MEMBER_COUNT; index += 1) {
    const number = FIRST_MEMBER_NUMBER + index;
    const random = SeededRandom.seededBy('member', String(number));
    // Alternating homes gives each location half the members, whatever MEMBER_COUNT is.
    const home: LocationKey = index % 2 === 0 ? 'berlin' : 'brooklyn';
    const inBerlin = home === 'berlin';
    const firstName = random.pick(inBerlin ? berlinFirstNames : brooklynFirstNames);
    const lastName = random.pick(inBerlin ? berlinLastNames : brooklynLastNames);
    const member: Member = {
      id: memberIdFor(number),
      connectionId,
      firstName,
      lastName,
      memberNumber: `M-${number}`,
      barcode: cardBarcode(number, random),
    };
    if (random.chance(0.85)) member.email = uniqueEmail(firstName, lastName, random, usedEmails);
    if (random.chance(0.6)) member.phone = inBerlin ? `+49 30 23125${random.digits(3)}` : `+1 718 555 01${random.digits(2)}`;
    members.push({ member, home });
  }
  return members;
}

/**
 * 13 digits like an in-store EAN-13 (prefix 2x): the member number is inside,
 * which makes every card unique, and the last digit is the EAN check digit, so
 * the cards scan like real ones.
 */
function cardBarcode(memberNumber: number, random: SeededRandom): string {
  const body = `29${String(memberNumber).padStart(5, '0')}${random.digits(5)}`;
  return body + ean13CheckDigit(body);
}

export function ean13CheckDigit(twelveDigits: string): string {
  let sum = 0;
  for (let index = 0; index < twelveDigits.length; index += 1) {
    sum += Number(twelveDigits[index]) * (index % 2 === 0 ? 1 : 3);
  }
  return String((10 - (sum % 10)) % 10);
}

function uniqueEmail(firstName: string, lastName: string, random: SeededRandom, used: Set<string>): string {
  const local = `${asciiLetters(firstName)}.${asciiLetters(lastName)}`;
  const domain = random.pick(emailDomains);
  let email = `${local}@${domain}`;
  for (let suffix = 2; used.has(email); suffix += 1) email = `${local}${suffix}@${domain}`;
  used.add(email);
  return email;
}

/** Müller → mueller, Şahin → sahin, O'Brien → obrien: what people type into an email address. */
function asciiLetters(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

/** The members looked up every way the studio needs: by id, by card, by home location. */
export interface MemberIndex {
  all: Member[];
  byId: Map<string, Member>;
  byBarcode: Map<string, Member>;
  /** Location id → its members: a roster draws from the class's location. */
  byLocationId: Map<string, Member[]>;
  /** Member id → home location: members book classes there only. */
  homeOf: Map<string, LocationPlan>;
}

export function indexMembers(connectionId: string): MemberIndex {
  const studio = studioMembers(connectionId);
  const all = studio.map(({ member }) => member);
  const homeOf = new Map<string, LocationPlan>();
  const byLocationId = new Map<string, Member[]>(locationPlans.map((location) => [locationIdFor(location), []]));
  for (const { member, home } of studio) {
    const location = locationPlan(home);
    if (!location) continue;
    homeOf.set(member.id, location);
    byLocationId.get(locationIdFor(location))?.push(member);
  }
  return {
    all,
    byId: new Map(all.map((member) => [member.id, member])),
    byBarcode: new Map(all.flatMap((member) => (member.barcode ? [[member.barcode, member]] : []))),
    byLocationId,
    homeOf,
  };
}
