import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { PaperClass, PaperDay, PaperParticipant } from './kit-day';
import type { PaperFonts } from './paper-fonts';
import { paperDate, paperTime, paperTimeRange } from './paper-time';
import type { PaperWords } from './paper-words';

export interface PaperStyle {
  words: PaperWords;
  locale: string;
  fonts: PaperFonts;
  /** When the paper was written: said in its footer, so an old printout shows its age. */
  writtenAt: Date;
}

type Doc = PDFKit.PDFDocument;

const margin = 48;
const rowHeight = 22;
const boxSize = 11;
/** Lines left empty under each roster for people who come without a booking. */
const walkInLines = 3;
const ink = '#111111';
const faint = '#666666';
const rule = '#b8b8b8';

/**
 * Writes one location's day as a PDF at `file`: a page (or more) per class with its time, room,
 * instructor and every participant with their status and an empty box to tick. Written beside the
 * file first and renamed, so a crash mid-write never leaves half a kit where the whole one was.
 */
export async function writePaperDay(day: PaperDay, style: PaperStyle, file: string): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    bufferPages: true,
    // Never Helvetica: pdfkit would load its built-in AFM first, and it has no Ş or Ł.
    font: style.fonts.regular,
    info: { Title: `${day.location.name} ${day.day}`, Author: 'Classdesk' },
    lang: style.locale,
  });
  doc.registerFont('regular', style.fonts.regular);
  doc.registerFont('bold', style.fonts.bold);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  doc.pipe(out);
  try {
    if (day.classes.length === 0) emptyDay(doc, day, style);
    for (const [index, paperClass] of day.classes.entries()) {
      if (index > 0) doc.addPage();
      classPages(doc, day, paperClass, style);
      // Laying out a class takes tens of milliseconds (every name is shaped): the core's other work goes on in between.
      await new Promise((resolve) => setImmediate(resolve));
    }
    footers(doc, style, day);
    doc.end();
    await finished(out);
    await rename(partial, file);
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

const contentWidth = (doc: Doc) => doc.page.width - 2 * margin;
const bottom = (doc: Doc) => doc.page.height - margin;

function placeLine(doc: Doc, day: PaperDay, style: PaperStyle): void {
  const date = paperDate(style.writtenAt.toISOString(), day.location.timeZone, style.locale);
  doc.font('regular').fontSize(9).fillColor(faint).text(`${day.location.name} · ${date} · ${style.words.title}`, margin, margin, { width: contentWidth(doc), lineBreak: false, ellipsis: true });
  doc.moveDown(0.8);
}

function emptyDay(doc: Doc, day: PaperDay, style: PaperStyle): void {
  placeLine(doc, day, style);
  doc.font('bold').fontSize(16).fillColor(ink).text(style.words.noClasses, margin, doc.y, { width: contentWidth(doc) });
}

function classPages(doc: Doc, day: PaperDay, paperClass: PaperClass, style: PaperStyle): void {
  const { session } = paperClass;
  const zone = day.location.timeZone;
  const words = style.words;
  placeLine(doc, day, style);
  doc.font('bold').fontSize(20).fillColor(ink).text(session.title, margin, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  const where = [
    paperTimeRange(session.startsAt, session.endsAt, zone, style.locale),
    session.room ? `${words.room}: ${session.room}` : undefined,
    paperClass.instructorName ? `${words.instructor}: ${paperClass.instructorName}` : undefined,
  ].filter(Boolean);
  doc.font('bold').fontSize(12).text(where.join('   ·   '), { width: contentWidth(doc) });
  const counts = [words.booked(session.booked, session.capacity), session.waitlisted > 0 ? words.waitlist(session.waitlisted) : undefined].filter(Boolean);
  doc.font('regular').fontSize(10).fillColor(faint).text(counts.join('   ·   '), { width: contentWidth(doc) });
  if (session.status === 'cancelled') doc.moveDown(0.3).font('bold').fontSize(12).fillColor('#a00000').text(words.cancelled.toUpperCase());
  if (session.rosterUnread) doc.moveDown(0.3).font('bold').fontSize(10).fillColor(ink).text(words.rosterUnread, { width: contentWidth(doc) });
  doc.moveDown(1);

  const columns = columnsOf(doc);
  tableHead(doc, columns, words);
  if (paperClass.participants.length === 0) {
    doc.font('regular').fontSize(10).fillColor(faint).text(words.nobodyBooked, columns.name, doc.y + 6);
    doc.y += rowHeight - 6;
  }
  for (const participant of paperClass.participants) {
    if (doc.y + rowHeight > bottom(doc)) continuePage(doc, day, paperClass, style, columns);
    row(doc, columns, participant, words);
  }
  if (doc.y + rowHeight * (walkInLines + 1) > bottom(doc)) continuePage(doc, day, paperClass, style, columns);
  doc.font('bold').fontSize(9).fillColor(faint).text(words.walkIns, margin, doc.y + 10);
  doc.y += 2;
  for (let line = 0; line < walkInLines; line += 1) row(doc, columns, undefined, words);
}

interface Columns {
  box: number;
  name: number;
  number: number;
  status: number;
  end: number;
}

function columnsOf(doc: Doc): Columns {
  const width = contentWidth(doc);
  return { box: margin + 4, name: margin + 30, number: margin + width * 0.56, status: margin + width * 0.74, end: margin + width };
}

function continuePage(doc: Doc, day: PaperDay, paperClass: PaperClass, style: PaperStyle, columns: Columns): void {
  doc.addPage();
  placeLine(doc, day, style);
  const when = paperTime(paperClass.session.startsAt, day.location.timeZone, style.locale);
  doc.font('bold').fontSize(14).fillColor(ink).text(`${paperClass.session.title} · ${when} ${style.words.continued}`, margin, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.8);
  tableHead(doc, columns, style.words);
}

function tableHead(doc: Doc, columns: Columns, words: PaperWords): void {
  const y = doc.y;
  doc.font('bold').fontSize(9).fillColor(faint);
  doc.text(words.here, margin, y, { lineBreak: false });
  doc.text(words.name, columns.name, y, { lineBreak: false });
  doc.text(words.memberNumber, columns.number, y, { lineBreak: false });
  doc.text(words.status, columns.status, y, { lineBreak: false });
  doc.moveTo(margin, y + 14).lineTo(columns.end, y + 14).lineWidth(1).strokeColor(ink).stroke();
  doc.x = margin;
  doc.y = y + 16;
}

/** One participant's line, or an empty line for a walk-in: a box to tick, then who and where they stand. */
function row(doc: Doc, columns: Columns, participant: PaperParticipant | undefined, words: PaperWords): void {
  const y = doc.y;
  const middle = y + rowHeight / 2;
  doc.rect(columns.box, middle - boxSize / 2, boxSize, boxSize).lineWidth(0.9).strokeColor(ink).stroke();
  // Already checked in at the desk: the box comes ticked, so paper and screen agree.
  if (participant?.status === 'checked_in') tick(doc, columns.box, middle - boxSize / 2);
  if (participant) {
    const textY = middle - 6;
    doc.font('regular').fontSize(11).fillColor(ink);
    doc.text(participant.name, columns.name, textY, { width: columns.number - columns.name - 8, lineBreak: false, ellipsis: true });
    doc.fontSize(10).text(participant.memberNumber ?? '', columns.number, textY + 1, { width: columns.status - columns.number - 8, lineBreak: false, ellipsis: true });
    doc.font(participant.status === 'checked_in' ? 'bold' : 'regular').text(statusWord(participant, words), columns.status, textY + 1, {
      width: columns.end - columns.status,
      lineBreak: false,
      ellipsis: true,
    });
  }
  doc.moveTo(margin, y + rowHeight).lineTo(columns.end, y + rowHeight).lineWidth(0.5).strokeColor(rule).stroke();
  doc.x = margin;
  doc.y = y + rowHeight;
}

function tick(doc: Doc, x: number, y: number): void {
  doc
    .moveTo(x + 2, y + boxSize * 0.55)
    .lineTo(x + boxSize * 0.42, y + boxSize - 2)
    .lineTo(x + boxSize - 1.5, y + 1.5)
    .lineWidth(1.4)
    .strokeColor(ink)
    .stroke();
}

function statusWord(participant: PaperParticipant, words: PaperWords): string {
  if (participant.status === 'waitlisted' && participant.waitlistPosition !== undefined) return words.waitlistPlace(participant.waitlistPosition);
  return words.statuses[participant.status];
}

/** When it was written and which page, on every page: a printout found in a drawer tells its age. */
function footers(doc: Doc, style: PaperStyle, day: PaperDay): void {
  const { start, count } = doc.bufferedPageRange();
  const at = paperTime(style.writtenAt.toISOString(), day.location.timeZone, style.locale);
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // Below the bottom margin: without lifting it pdfkit would start a new page for the footer.
    const keptMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 16;
    doc.font('regular').fontSize(8).fillColor(faint);
    doc.text(style.words.written(at), margin, y, { width: contentWidth(doc) * 0.75, lineBreak: false, ellipsis: true });
    doc.text(style.words.page(index - start + 1, count), margin, y, { width: contentWidth(doc), align: 'right', lineBreak: false });
    doc.page.margins.bottom = keptMargin;
  }
}
