"""EC2 network interfaces: ModifyNetworkInterfaceAttribute replaces the interface's security groups, as EC2 does.

moto 5.2.1 reports an attached interface's groups as its own *united with the instance's launch groups*, so a
replacement reads as an addition (the old groups stay). EC2 documents the call as replacing the set ("Groups: Changes
the security groups for the network interface. The new set of groups you specify replaces the current set",
EC2 API Reference, ModifyNetworkInterfaceAttribute), and an instance's groups are those of its primary interface
(device index 0). Here the interface reports only its own groups, and changing the primary interface's groups changes
the instance's too.
"""
from typing import Any

from moto.ec2.models import elastic_network_interfaces as enis


def _own_groups(self: Any) -> Any:
    return self._group_set


def _modify(original: Any) -> Any:
    def modify(self: Any, eni_id: str, group_ids: list[str], source_dest_check: bool | None = None,
               description: str | None = None) -> None:
        original(self, eni_id, group_ids, source_dest_check, description)
        eni = self.get_network_interface(eni_id)
        instance = getattr(eni, "instance", None)
        if group_ids and instance is not None and getattr(eni, "device_index", None) == 0:
            instance.security_groups = list(eni._group_set)
    return modify


def install() -> None:
    """Patches moto's EC2 network interfaces in place (idempotent)."""
    if getattr(enis, "_localaws_groups_patched", False):
        return
    enis._localaws_groups_patched = True
    enis.NetworkInterface.group_set = property(_own_groups)  # type: ignore[assignment]
    backend = enis.NetworkInterfaceBackend
    backend.modify_network_interface_attribute = _modify(backend.modify_network_interface_attribute)
