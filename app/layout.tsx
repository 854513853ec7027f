import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/layout/SiteHeader";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "政府信息公开工作年度报告", template: "%s · 政府信息公开工作年度报告" },
  description: "政府信息公开工作年度报告的填报、审核与公开发布",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>
        <a href="#main" className="skip-link">
          跳到主要内容
        </a>
        <SiteHeader />
        <main id="main" className="page" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">依据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制公布</footer>
      </body>
    </html>
  );
}
