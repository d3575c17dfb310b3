"""The desk behind 0800-056-476 (馬上辦服務中心): consultations, referrals to partners,
outcomes (issue 14; docs/desk.md)."""
