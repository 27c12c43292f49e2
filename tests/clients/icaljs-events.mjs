// Reads a JSON list of .ics file paths on stdin and prints, for each file, the events
// as ical.js (Thunderbird's parser) sees them, times converted to UTC with only the
// VTIMEZONE components inside that file: the built-in zone service is emptied first.
import { readFileSync } from "node:fs";
import ICAL from "ical.js-v2";

const files = JSON.parse(readFileSync(0, "utf8"));
const result = {};
for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  ICAL.TimezoneService.reset();
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  result[file] = {
    calname: root.getFirstPropertyValue("x-wr-calname"),
    events: root.getAllSubcomponents("vevent").map((component) => {
      const event = new ICAL.Event(component);
      if (event.startDate.zone.tzid === "floating") {
        throw new Error(`${file}: ${event.uid} has a floating start`);
      }
      return {
        uid: event.uid,
        tzid: component.getFirstProperty("dtstart").getParameter("tzid"),
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        summary: event.summary,
        description: event.description,
        location: event.location,
        status: component.getFirstPropertyValue("status"),
        sequence: event.sequence,
        dtstamp: component.getFirstPropertyValue("dtstamp").toJSDate().toISOString(),
      };
    }),
  };
}
process.stdout.write(JSON.stringify(result));
