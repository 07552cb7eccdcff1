"""The coordinator's matching and pairs pages: /programs/<pk>/matching/… and /programs/<pk>/pairs/…"""

from django.urls import path

from tandem.pairs import views_matching, views_pairs, views_proposal

app_name = "pairs"

RUN = "<int:pk>/matching/runs/<int:run>/"

urlpatterns = [
    path("<int:pk>/matching/", views_matching.matching, name="matching"),
    path("<int:pk>/matching/capacities/", views_matching.capacities, name="capacities"),
    path("<int:pk>/matching/run/", views_matching.run_start, name="run_start"),
    path("<int:pk>/matching/forbidden/<int:constraint>/allow/", views_matching.allow, name="allow"),
    path(RUN, views_proposal.proposal, name="proposal"),
    path(f"{RUN}compare/", views_proposal.compare, name="compare"),
    path(f"{RUN}publish/", views_proposal.publish, name="publish"),
    path(f"{RUN}swap/", views_proposal.swap, name="swap"),
    path(f"{RUN}pick/", views_proposal.pick, name="pick"),
    path(f"{RUN}pairs/<int:proposed>/lock/", views_proposal.lock, name="lock"),
    path(f"{RUN}pairs/<int:proposed>/unlock/", views_proposal.unlock, name="unlock"),
    path(f"{RUN}pairs/<int:proposed>/forbid/", views_proposal.forbid, name="forbid"),
    path(f"{RUN}unmatched/<int:unmatched>/waitlist/", views_proposal.waitlist, name="waitlist"),
    path("<int:pk>/pairs/", views_pairs.pair_list, name="pair_list"),
    path("<int:pk>/pairs/<int:pair>/dissolve/", views_pairs.dissolve, name="dissolve"),
]
