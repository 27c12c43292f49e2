"""Meeting programmes of work published as subscribable iCalendar feeds."""
