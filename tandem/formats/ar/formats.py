"""Arabic dates and lists with the Arabic comma: "7 يناير 2027، 17:00", never a Latin comma inside Arabic
text.

Only what differs from Django's own Arabic formats is here (Django reads the rest from its own module);
times are on the 24-hour clock, as in Sweden.
"""

DATE_FORMAT = "j F Y"  # 7 يناير 2027
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y، H:i"  # 7 يناير 2027، 17:00
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y، H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
LIST_SEPARATOR = "، "  # Tandem's own (tandem.lib.templatetags.tandem_format.list_separator)
