from tandem.mentoring.tests.conftest import (  # noqa: F401
    amira,
    eva,
    mentorships,
    no_rate_limit_counts_from_other_tests,
    now,
)
