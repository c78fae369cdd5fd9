"use client";

// Toasts only follow something the user did, so sonner (14 KB gzipped) loads after the page is
// interactive instead of holding up every page's first render.
import dynamic from "next/dynamic";

export const LazyToaster = dynamic(() => import("@/components/ui/sonner").then((sonner) => sonner.Toaster), { ssr: false });
