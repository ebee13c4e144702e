import { Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { components } from "../../api/generated/leads";

type LeadScore = components["schemas"]["LeadScorePublic"];

/** A factor as a person reads it: "test drives ↑", "source=walk in ↓". */
export function factorText(factor: { factor: string; effect: number }): string {
  return `${factor.factor.replace(/_/g, " ")} ${factor.effect >= 0 ? "↑" : "↓"}`;
}

export function scoreColour(score: number): string | undefined {
  if (score >= 70) return "green";
  if (score >= 40) return "gold";
  return undefined;
}

/** The lead's chance of converting by its book's model, its top factors on hover. */
export function ScoreTag({ score }: { score: LeadScore | null | undefined }) {
  const { t } = useTranslation();
  if (!score) return <Typography.Text type="secondary">{t("lead.noScore")}</Typography.Text>;
  const why = [
    t(`lead.scoreBy.${score.model_scope}`, { version: score.model_version }),
    ...score.factors.map(factorText),
  ].join(" · ");
  return (
    <Tooltip title={why}>
      <Tag color={scoreColour(score.score)} aria-label={`${t("lead.score")} ${score.score}: ${why}`}>
        {score.score}
      </Tag>
    </Tooltip>
  );
}
