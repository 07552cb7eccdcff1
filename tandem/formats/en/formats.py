"""English dates for readers in Sweden: day before month, never 02/05/2027 (is that 2 May or 5 February?).

Django's own English formats are American (m/d/Y). These replace the display formats only; what a form
accepts stays Django's (ISO dates first), and the Swedish formats stay Django's own (2027-02-05).
"""

DATE_FORMAT = "j F Y"  # 5 February 2027
SHORT_DATE_FORMAT = "j M Y"  # 5 Feb 2027
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
