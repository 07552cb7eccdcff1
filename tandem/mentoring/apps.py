from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    """A pair's life from its start to its end: the participants' space and the coordinators' view of it."""

    name = "tandem.mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        from tandem.mentoring.signin import space_link_for_application
        from tandem.pairs.emails import set_space_link

        set_space_link(space_link_for_application)  # the "pair confirmed" e-mail carries a link to the space

        from tandem.mentoring.closing import STEP
        from tandem.programs.closing import add_step

        add_step(STEP)  # closing a program ends the pairs still active, or keeps the chosen ones going
