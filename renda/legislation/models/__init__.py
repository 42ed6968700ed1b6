"""Local legislation (地方性法规, S5; 立法法 第56–90条).

The legislative plans (立法规划 and the year's 立法计划) list projects; a project carries one
regulation from its proposal through argumentation, drafting, the standing committee's
readings, the unified review, the vote, the provincial approval and the promulgation. Each
draft version keeps its text split into its articles, so citizens comment on an article and
two versions compare article by article.
"""

from .comments import CommentGroup, ContactPoint, PublicComment
from .consultation import (
    Consultation,
    Evaluation,
    Expert,
    ExpertOpinion,
    HearingRegistration,
    Interpretation,
)
from .plans import Plan, PlanItem
from .projects import DraftVersion, Project, Provision, Reading

__all__ = [
    "CommentGroup",
    "Consultation",
    "ContactPoint",
    "DraftVersion",
    "Evaluation",
    "Expert",
    "ExpertOpinion",
    "HearingRegistration",
    "Interpretation",
    "Plan",
    "PlanItem",
    "Project",
    "Provision",
    "PublicComment",
    "Reading",
]
