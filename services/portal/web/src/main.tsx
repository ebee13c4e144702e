import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { ApiError } from "./api/errors";
import App from "./App";
import { storedLanguage, type Language } from "./i18n";
import { giveCreatedStylesTheNonce, styleNonce } from "./styleNonce";
import "./styles.css";

const nonce = styleNonce();
if (nonce) giveCreatedStylesTheNonce(nonce);

function expired(error: unknown) {
  // A 401: the session may have ended (expired, logged out elsewhere), or a service refused
  // the token. The BFF is asked again: no session there means back to the login page.
  if (error instanceof ApiError && error.status === 401) void queryClient.invalidateQueries({ queryKey: ["session"] });
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: expired }),
  mutationCache: new MutationCache({ onError: expired }),
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// Ant Design's defaults darkened where their contrast is below WCAG AA (4.5:1) for text: the
// primary blue on white and on its selected-item tint, descriptions, placeholders. Hover and
// active shades are set too: Ant Design derives them lighter than the base colour, so white text
// on a hovered primary button (and red text of a hovered danger button) would fall below AA.
const THEME = {
  token: {
    colorPrimary: "#0958d9",
    colorPrimaryHover: "#003eb3",
    colorPrimaryActive: "#002c8c",
    colorInfo: "#0958d9",
    colorLink: "#0958d9",
    colorLinkHover: "#003eb3",
    colorLinkActive: "#002c8c",
    colorError: "#cf1322",
    colorErrorHover: "#a8071a",
    colorErrorActive: "#820014",
    colorTextDescription: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorTextQuaternary: "rgba(0, 0, 0, 0.56)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.56)",
    colorTextDisabled: "rgba(0, 0, 0, 0.56)",
  },
};

function Root() {
  const [language, setLanguage] = useState<Language>(storedLanguage());
  dayjs.locale(language === "en" ? "en" : "zh-cn");
  document.documentElement.lang = language;
  return (
    <ConfigProvider locale={language === "en" ? enUS : zhCN} theme={THEME} csp={nonce ? { nonce } : undefined} button={{ autoInsertSpace: false }}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App onLanguage={setLanguage} />
        </BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
