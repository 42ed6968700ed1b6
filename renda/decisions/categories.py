"""The categories of major matters of the seed (S12 item 1), as data.

:func:`ensure_categories` creates the missing ones; staff may rename or add categories
afterwards, so an existing row is never changed here.
"""

from __future__ import annotations

#: (code, name, scope) in the seed's order.
SEED_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("plans-budgets", "规划计划和预算决算", "编制或变更国民经济和社会发展规划计划、财政预算决算"),
    (
        "urban-land-planning",
        "城乡规划和国土资源规划",
        "编制或修改城市总体规划、分区规划、控制性详细规划、城镇体系规划、产业布局规划、国土资源规划",
    ),
    (
        "investments-assets",
        "重大投资、民生项目、专项资金和国有资产处置",
        "本级政府重大投资、重大民生项目、重大专项资金安排和重大国有资产处置事项",
    ),
    (
        "environment-resources",
        "生态环境和自然资源",
        "环境保护、生态建设和自然资源的开发利用方面的重大事项",
    ),
    (
        "major-policies",
        "重大政策措施",
        "制定或修改关系本行政区域经济社会发展全局、国计民生、民主法治建设和群众切身利益的重大政策措施和决策事项",
    ),
)


def ensure_categories(model=None) -> int:
    """Create the seed's categories that do not exist yet; return how many were created."""
    if model is None:
        from .models import Category as model
    created = 0
    for order, (code, name, description) in enumerate(SEED_CATEGORIES, start=1):
        _obj, made = model.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order * 10}
        )
        created += made
    return created
