import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { App as AntApp, Badge, Card, Select, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { data, opportunities } from "../../api/client";
import type { components } from "../../api/generated/opportunities";
import { Loaded, useFailureReport } from "../../components/feedback";

type Card = components["schemas"]["BoardCard"];

/** The pipeline: stages left to right, a card per opportunity. A card is dragged to another
 * stage, or moved with its stage picker (touch screens, keyboards); a stage whose required
 * activities are missing refuses with the service's reason. */
export default function Board() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const report = useFailureReport();
  const queries = useQueryClient();
  const [over, setOver] = useState<string>();
  const board = useQuery({ queryKey: ["board"], queryFn: () => data(opportunities.GET("/opportunities/board")) });
  const move = useMutation({
    mutationFn: ({ id, stage }: { id: string; stage: string }) =>
      data(opportunities.POST("/opportunities/{opportunity_id}/stage", { params: { path: { opportunity_id: id } }, body: { stage } })),
    onSuccess: () => void message.success(t("opp.moved")),
    onError: (error) => report(error),
    onSettled: () => queries.invalidateQueries({ queryKey: ["board"] }),
  });
  return (
    <>
      <Typography.Title level={2}>{t("menu.board")}</Typography.Title>
      <Loaded query={board}>
        {(b) => (
          <div className="board" role="list" aria-label={b.name}>
            {b.stages.map((stage) => (
              <section
                key={stage.code}
                role="listitem"
                aria-label={stage.name}
                data-stage={stage.code}
                className={`board-column${over === stage.code ? " drop-target" : ""}`}
                onDragOver={(e) => {
                  e.preventDefault();
                  setOver(stage.code);
                }}
                onDragLeave={() => setOver(undefined)}
                onDrop={(e) => {
                  e.preventDefault();
                  setOver(undefined);
                  const id = e.dataTransfer.getData("text/plain");
                  if (id) move.mutate({ id, stage: stage.code });
                }}
              >
                <Typography.Title level={3} style={{ fontSize: 14 }}>
                  {stage.name} <Badge count={stage.count} showZero color="#0958d9" />
                </Typography.Title>
                {stage.cards.map((card: Card) => (
                  <Card
                    key={card.id}
                    size="small"
                    className="board-card"
                    draggable
                    data-opportunity={card.id}
                    onDragStart={(e) => e.dataTransfer.setData("text/plain", card.id)}
                  >
                    <Link to={`/workspace/opportunities/${card.id}`}>{card.customer_name}</Link>
                    <div>{card.vehicle_interest}</div>
                    <div>
                      ¥{card.amount} · {card.probability}%{" "}
                      {card.stale && <Tag>{t("opp.stale")}</Tag>}
                    </div>
                    <Select
                      size="small"
                      aria-label={`${t("opp.move")} ${card.customer_name}`}
                      placeholder={t("opp.move")}
                      style={{ width: "100%", marginTop: 4 }}
                      value={null}
                      onChange={(code: string) => move.mutate({ id: card.id, stage: code })}
                      options={b.stages.filter((s) => s.code !== stage.code).map((s) => ({ value: s.code, label: s.name }))}
                    />
                  </Card>
                ))}
              </section>
            ))}
          </div>
        )}
      </Loaded>
    </>
  );
}
