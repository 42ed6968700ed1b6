"""The scrutineers' devices, played in Python (renda_crypto.device) against the services.

Each device keeps its own secret, as a browser keeps it in the scrutineer's local
storage; the server's tables never see it. Used by the tests; the benchmark plays the
same devices over HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renda_crypto import device as dv


@dataclass
class Devices:
    """The devices of one meeting's scrutineers, by index (1…n)."""

    users: dict[int, object]
    secrets: dict[int, int] = field(default_factory=dict)

    def ceremony(self, key) -> None:
        """Enrol, deal and confirm on every device: the key is then ready."""
        from renda.voting.models import Scrutineer
        from renda.voting.services import scrutiny as sv

        for index, user in self.users.items():
            secret, public = dv.new_device()
            self.secrets[index] = secret
            sv.scrutiny_enrol(actor=user, scrutineer=self._row(key, index), device_key=public)
        keys = sv.device_keys(type(key).objects.get(pk=key.pk))
        for index, user in self.users.items():
            made = dv.deal(key.context, index, key.threshold, keys)
            sv.scrutiny_deal(actor=user, scrutineer=self._row(key, index), **made)
        for index, user in self.users.items():
            vk = dv.verification_key(self.share(key, index))
            sv.scrutiny_confirm(actor=user, scrutineer=self._row(key, index), verification_key=vk)
        assert not Scrutineer.objects.filter(key=key, confirmed_at__isnull=True).exists()

    def share(self, key, index: int) -> int:
        from renda.voting.models import Scrutineer

        dealt = [
            {"dealing": s.dealing, "share": s.shares[str(index)]}
            for s in Scrutineer.objects.filter(key=key).order_by("index")
        ]
        return dv.key_share(key.context, index, self.secrets[index], dealt)

    def decrypt(self, poll, indexes=None):
        """Each listed device answers its partial decryption of the closed poll's totals."""
        from renda.voting.models import Poll, ScrutinyKey
        from renda.voting.services import scrutiny as sv

        key = ScrutinyKey.objects.get(meeting_id=poll.agenda_item.meeting_id)
        for index in indexes or list(self.users):
            poll = Poll.objects.get(pk=poll.pk)
            partial = dv.decrypt(
                poll.crypto["key"]["context"], index, self.share(key, index), poll.crypto["totals"]
            )
            poll = sv.scrutiny_decrypt(actor=self.users[index], poll=poll, partial=partial)
        return Poll.objects.get(pk=poll.pk)

    def work(self, poll, indexes=None, rounds: int = 10):
        """Each listed device does what its state asks for this poll (decrypt the totals,
        take its turn in the write-ins' shuffle, decrypt the shuffled write-ins), as the
        browser page does on every event, until nothing is left for them."""
        from renda.voting.models import Poll, ScrutinyKey
        from renda.voting.services import scrutiny as sv
        from renda_crypto import mix

        key = ScrutinyKey.objects.get(meeting_id=poll.agenda_item.meeting_id)
        for _round in range(rounds):
            acted = False
            for index in indexes or list(self.users):
                user = self.users[index]
                for item in sv.awaiting(user.person_id, key.meeting_id):
                    if item["poll"] != poll.pk:
                        continue
                    current = Poll.objects.get(pk=poll.pk)
                    if item["stage"] == "mix":
                        pairs = mix.decode_pairs(item["pairs"])
                        made = mix.mix(item["context"], item["public_key"], pairs, item["round"])
                        sv.scrutiny_mix(actor=user, poll=current, mixed=made)
                    else:
                        share = self.share(key, index)
                        partial = dv.decrypt(item["context"], index, share, item["totals"])
                        sv.scrutiny_decrypt(actor=user, poll=current, partial=partial)
                    acted = True
            if not acted:
                break
        return Poll.objects.get(pk=poll.pk)

    @staticmethod
    def _row(key, index: int):
        return key.scrutineers.get(index=index)


def appoint(meeting, staff, users, threshold=None) -> tuple[object, Devices]:
    """Appoint ``users`` as the meeting's scrutineers and run their devices' ceremony."""
    from renda.voting.services import scrutiny as sv

    key = sv.scrutiny_appoint(
        actor=staff, meeting=meeting, persons=[u.person_id for u in users], threshold=threshold
    )
    devices = Devices(dict(enumerate(users, start=1)))
    devices.ceremony(key)
    key.refresh_from_db()
    return key, devices
