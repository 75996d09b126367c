"""Entities of a new text: the corpus's known entities found by their words and reused by id,
then the rest (the meeting reported, its time and place, persons with their posts and the
delegations they led, sessions, named bodies and documents) with ids by the project's slug rules."""

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
from kg.draft.times import TimeMixin

# Entities whose class must carry a fact to satisfy the shapes, and the property.
_REQUIRED = {"Ministry": "org:subOrganizationOf", "Post": "org:postIn", "Delegation": "represents",
             "Session": "sessionOf", "MissileTest": "conductedBy", "NuclearTest": "conductedBy",
             "TestSiteActivity": "location", "Strategy": "issuedBy", "Review": "issuedBy", "Resolution": "issuedBy"}
_EVENT_CLASSES = {"Meeting", "Session", "Exercise", "MissileTest", "NuclearTest", "TestSiteActivity", "Study",
                  "Process", "Event", "WeaponsTest"}



class EntityFinder(KnownMixin, AcronymMixin, SidesMixin, MeetingMixin, PeopleMixin, HeadMixin, PostMixin, DelegationMixin, SessionMixin, TimeMixin):
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

    # ------------------------------------------------------------------ shapes: what each class needs
    def complete(self) -> None:
        """Give every entity what the shapes require, from this text, or drop it (with a comment)."""
        for ent in list(self.d.entities.values()):
            if ent.cls in ("Interval", "Month"):
                continue
            need = _REQUIRED.get(ent.cls)
            if need and not ent.has_fact(need):
                k = self.reg.get(ent.id)
                done = False
                if k:
                    for prop, obj, _sid in k.facts:
                        if prop == need and isinstance(obj, str) and obj in self.d.entities:
                            ent.add_fact(prop, obj, self.t.quote(*ent.spans[0]) if ent.spans else None,
                                         f"from the corpus (statement {_sid}); check it holds for this text")
                            done = True
                            break
                if not done and not ent.known and need == "issuedBy":
                    ent.comments.append(f"class Document, not {ent.cls}: the drafter cannot tell who issued it")
                    ent.cls = "Document"
                    done = True
                if not done:
                    self.d.comments.append(f"{ent.id} ({ent.cls}) left out: the text does not give its {need}")
                    del self.d.entities[ent.id]
                    continue
            if ent.cls == "Alliance":
                members = [f.obj for f in ent.facts if f.prop == "org:hasMember"]
                k = self.reg.get(ent.id)
                for prop, obj, _sid in (k.facts if k else []):
                    if prop == "org:hasMember" and obj in self.d.entities and obj not in members:
                        ent.add_fact(prop, obj, self.t.quote(*ent.spans[0]), "members as in the corpus")
                        members.append(obj)
                if len(members) < 2:
                    self.d.comments.append(f"{ent.id} (Alliance) left out: the text does not name two members")
                    del self.d.entities[ent.id]
                    continue
            if ent.cls in _EVENT_CLASSES and ent.cls != "Session" and not ent.has_fact("status"):
                ent.add_fact("status", "status:unspecified", self.t.quote(*ent.spans[0]),
                             "the drafter does not read statuses; set held/planned/ongoing from the text")
                ent.comments.append("status: unspecified — the drafter could not tell; set it from the text")
            if ent.cls == "Commitment":
                # a known commitment needs debtors and content from this text: not drafted
                self.d.comments.append(f"{ent.id} (Commitment) left out: restated commitments are for the curator")
                del self.d.entities[ent.id]
