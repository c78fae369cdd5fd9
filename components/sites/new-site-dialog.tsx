"use client";

import { useState } from "react";
import { Plus } from "lucide-react";
import { SiteForm } from "@/components/sites/site-form";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";

/** "New site" (admins): the site form in a dialog, closed once the site exists. */
export function NewSiteDialog() {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          New site
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>New site</DialogTitle>
          <DialogDescription>A hub or plant. Its code is how people pick it (in links too) and cannot change later.</DialogDescription>
        </DialogHeader>
        <SiteForm onDone={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
