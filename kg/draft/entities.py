"""Entities of a new text: the corpus's known entities found by their words and reused by id,
then the rest (the meeting reported, its time and place, persons with their posts and the
delegations they led, sessions, named bodies and documents) with ids by the project's slug rules.

This module drives it (EntityFinder.run, in order); each step is a mixin of its own module or a
function over the finder: known entities (kg.draft.known), names defined with an acronym
(kg.draft.acronyms), the statement's sides (kg.draft.sides), the meeting reported
(kg.draft.meetings), persons named in full (kg.draft.people) or by post and surname
(kg.draft.persons), heads of state and government (kg.draft.heads), posts (kg.draft.posts),
delegations (kg.draft.delegations), sessions (kg.draft.sessions), places (kg.draft.places), times
(kg.draft.times), groups, documents and events (kg.draft.groups, .documents, .events), and last what
the shapes require of each class (kg.draft.shapes)."""

from __future__ import annotations

from kg.draft.acronyms import AcronymMixin
from kg.draft.delegations import DelegationMixin
from kg.draft.heads import HeadMixin
from kg.draft.known import KnownMixin
from kg.draft.lexicon import Lexicon
from kg.draft.meetings import MeetingMixin
from kg.draft.model import Draft
from kg.draft.people import PeopleMixin
from kg.draft.posts import PostMixin
from kg.draft.registry import Registry
from kg.draft.sentences import Text
from kg.draft.sides import SidesMixin
from kg.draft.sessions import SessionMixin
from kg.draft.shapes import ShapeMixin
from kg.draft.times import TimeMixin


class EntityFinder(KnownMixin, AcronymMixin, SidesMixin, MeetingMixin, PeopleMixin, HeadMixin, PostMixin,
                   DelegationMixin, SessionMixin, TimeMixin, ShapeMixin):
    def __init__(self, draft: Draft, text: Text, registry: Registry, lex: Lexicon):
        self.d, self.t, self.reg, self.lex = draft, text, registry, lex
        self.s = text.string

    # ------------------------------------------------------------------ driver
    def run(self) -> None:
        self.link_known()
        self.acronym_definitions()
        self.sides()
        from kg.draft.linking import own_alliance

        own_alliance(self)
        self.meeting()
        self.people()
        self.delegations()
        from kg.draft.linking import meeting_body_by_role

        meeting_body_by_role(self)
        self.sessions()
        from kg.draft.places import find_places

        find_places(self)
        from kg.draft.ministries import short_ministries

        short_ministries(self)
        self.times()
        from kg.draft.documents import DocumentFinder
        from kg.draft.events import EventFinder
        from kg.draft.groups import find_groups

        find_groups(self)
        DocumentFinder(self).run()
        EventFinder(self).run()
        if getattr(self, "no_meeting", False):
            from kg.draft.events import report_event

            report_event(self)
        self.complete()
