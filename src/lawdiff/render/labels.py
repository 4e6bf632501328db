"""Chinese labels a drafter reads for alignment kinds (shared by every 对照表 format)."""

KIND_LABELS = {
    "unchanged": "未修改", "renumbered": "仅调整序号", "modified": "修改", "moved": "移动",
    "split": "拆分", "merged": "合并", "inserted": "新增", "deleted": "删除",
}
