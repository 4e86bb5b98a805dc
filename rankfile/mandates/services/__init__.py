"""Mandates and report-backs: each state change one transaction with its audit event."""

from rankfile.mandates.services.mandates import mandate_propose, mandate_record
from rankfile.mandates.services.reports import (
    report_back_is_delegate,
    report_back_write,
    report_back_write_refusal,
    reports_back_attach_pending,
    reports_back_generate,
)

__all__ = [
    "mandate_propose",
    "mandate_record",
    "report_back_is_delegate",
    "report_back_write",
    "report_back_write_refusal",
    "reports_back_attach_pending",
    "reports_back_generate",
]
