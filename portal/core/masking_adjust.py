"""The masked preview's adjustments, for every publishable kind: hide a selected span, unmask a
detected name that is no person's (with a reason), take an adjustment back. Each is audited
(``portal.core.masking_overrides``); each applies to every later masking of the item
(publication, correction, ``masking rescan``), since the kind's masking options read the rows.

A kind registers the three routes on its back-office blueprint with :class:`MaskingAdjustments`
and gives its pages :meth:`MaskingAdjustments.context` for ``masking_adjust`` in
``_macros/masking.html``. The kind's ``load`` finds the item unit-scoped (404 for another
unit's), so another unit's staff cannot adjust by URL.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import abort, flash, request, url_for
from flask_login import current_user

from portal.audit.services import Actor
from portal.core import masking_overrides
from portal.core.masking_preview import FieldPreview, detected_names, findings_of
from portal.core.publication import WITHDRAWN, PublicationError
from portal.extensions import db


@dataclass
class MaskingAdjustments:
    #: the ``item_kind`` of the item's rows in ``masking_override`` (and the audit object type)
    kind: str
    #: the item → its masked preview (what staff see, what may be unmasked)
    previews: Callable[[object], list[FieldPreview]]
    #: the item → the unit its audit entries belong to
    unit_of: Callable[[object], int | None] = lambda item: item.unit_id
    #: set by ``register``: the view arguments → the item, unit-scoped (aborts 404 otherwise);
    #: the item and the view arguments → the response after an adjustment; the endpoint prefix
    load: Callable[..., object] | None = None
    back: Callable[..., object] | None = None
    blueprint_name: str = ""

    def register(self, blueprint, rule_prefix: str, load, back) -> "MaskingAdjustments":
        """Add ``masking_mask``, ``masking_unmask`` and ``masking_revert`` under
        ``rule_prefix`` (e.g. ``/<int:media_id>``) to ``blueprint``."""
        self.load, self.back, self.blueprint_name = load, back, blueprint.name
        blueprint.add_url_rule(
            f"{rule_prefix}/masking/mask", "masking_mask", self._mask, methods=["POST"]
        )
        blueprint.add_url_rule(
            f"{rule_prefix}/masking/unmask", "masking_unmask", self._unmask, methods=["POST"]
        )
        blueprint.add_url_rule(
            f"{rule_prefix}/masking/<int:override_id>/revert",
            "masking_revert",
            self._revert,
            methods=["POST"],
        )
        return self

    def context(self, item, previews: list[FieldPreview] | None = None, **view_args) -> dict:
        """What ``masking_adjust`` needs; nothing for a withdrawn item (it is never masked
        again)."""
        if getattr(item, "status", None) == WITHDRAWN:
            return {}
        previews = self.previews(item) if previews is None else previews
        prefix = self.blueprint_name
        return {
            "masking_names": detected_names(previews),
            "masking_overrides": masking_overrides.overrides_of(db.session, self.kind, item.id),
            "masking_urls": {
                "mask": url_for(f"{prefix}.masking_mask", **view_args),
                "unmask": url_for(f"{prefix}.masking_unmask", **view_args),
                "revert": url_for(f"{prefix}.masking_revert", override_id=0, **view_args),
            },
        }

    # --- the views ---------------------------------------------------------------------------

    def _adjustable(self, view_args: dict):
        item = self.load(**view_args)
        if getattr(item, "status", None) == WITHDRAWN:
            abort(409, "已撤下的内容不能再调整脱敏。")
        return item

    def _run(self, item, view_args: dict, change, message: str):
        try:
            change()
        except PublicationError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(message, "success")
        return self.back(item, **view_args)

    def _mask(self, **view_args):
        item = self._adjustable(view_args)
        text = request.form.get("text", "")
        return self._run(
            item,
            view_args,
            lambda: masking_overrides.add_mask(
                db.session, _actor(), self.kind, item, text, unit_id=self.unit_of(item)
            ),
            "已加入人工隐去，公示时生效。",
        )

    def _unmask(self, **view_args):
        item = self._adjustable(view_args)
        findings = findings_of(self.previews(item))
        return self._run(
            item,
            view_args,
            lambda: masking_overrides.add_unmask(
                db.session,
                _actor(),
                self.kind,
                item,
                request.form.get("text", ""),
                request.form.get("reason", ""),
                findings,
                unit_id=self.unit_of(item),
            ),
            "已取消对该姓名的隐去，公示时生效。",
        )

    def _revert(self, override_id: int, **view_args):
        item = self._adjustable(view_args)
        row = db.session.get(masking_overrides.MaskingOverride, override_id)
        if row is None or row.item_kind != self.kind or row.item_id != item.id:
            abort(404)
        return self._run(
            item,
            view_args,
            lambda: masking_overrides.remove(db.session, _actor(), row, unit_id=self.unit_of(item)),
            "已撤回该调整。",
        )


def _actor() -> Actor:
    return Actor.of_user(current_user)
