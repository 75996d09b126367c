"""What the shapes require of each class (kg.draft.entities' EntityFinder, as a mixin), the last step
of finding a text's entities: every entity gets the fact its class must carry (from this text, else
the corpus's) or is left out with a comment; an alliance needs two members, an event a status
(unspecified where the drafter cannot tell); a restated commitment is left to the curator.
"""

from __future__ import annotations

# Entities whose class must carry a fact to satisfy the shapes, and the property.
_REQUIRED = {"Ministry": "org:subOrganizationOf", "Post": "org:postIn", "Delegation": "represents",
             "Session": "sessionOf", "MissileTest": "conductedBy", "NuclearTest": "conductedBy",
             "TestSiteActivity": "location", "Strategy": "issuedBy", "Review": "issuedBy", "Resolution": "issuedBy"}
_EVENT_CLASSES = {"Meeting", "Session", "Exercise", "MissileTest", "NuclearTest", "TestSiteActivity", "Study",
                  "Process", "Event", "WeaponsTest"}


class ShapeMixin:
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
