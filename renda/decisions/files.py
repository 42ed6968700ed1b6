"""Who may download decision materials: they follow the major matter."""

from renda.core.files import register

from .models import Material
from .selectors import matters_visible_to


def _material(user, material) -> bool:
    return user.has_perm("decisions.view") and (
        matters_visible_to(user).filter(pk=material.matter_id).exists()
    )


register(Material, "file", _material)
