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
  // The session ended (expired, logged out elsewhere): back to the login page.
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(["session"], null);
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
// primary blue on white and on its selected-item tint, descriptions, placeholders.
const THEME = {
  token: {
    colorPrimary: "#0958d9",
    colorInfo: "#0958d9",
    colorLink: "#0958d9",
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
