//! Autosave of the form being typed. Every change is queued; one write is on its way at a time
//! and the next one carries the newest text, so a killed browser loses at most what was typed
//! during one write (a few tens of milliseconds), and a fast typist never piles up writes.

use std::cell::RefCell;
use std::rc::Rc;

use crate::domain::ids::UserId;
use leptos::task::spawn_local;

use crate::domain::form::FormDraft;

use super::storage::{StorageProblem, save_draft};

#[derive(Default)]
struct Queue {
    next: Option<(UserId, FormDraft)>,
    writing: bool,
    held: bool,
}

thread_local! {
    static QUEUE: RefCell<Queue> = RefCell::new(Queue::default());
}

/// Queues the draft for writing; `report` hears the outcome of each write.
pub fn queue(owner: UserId, draft: FormDraft, report: impl Fn(Option<StorageProblem>) + 'static) {
    let start = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        if q.held {
            return false;
        }
        q.next = Some((owner, draft));
        !std::mem::replace(&mut q.writing, true)
    });
    if !start {
        return;
    }
    let report = Rc::new(report);
    spawn_local(async move {
        loop {
            let Some((owner, draft)) = QUEUE.with(|q| {
                let mut q = q.borrow_mut();
                let next = q.next.take();
                q.writing = next.is_some();
                next
            }) else {
                return;
            };
            report(save_draft(owner, &draft).await.err());
        }
    });
}

/// Stops autosaving (the form is being saved: a late draft write must not bring it back).
pub fn hold() {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.held = true;
        q.next = None;
    });
}

/// Autosaves again (a new form, or the save failed and the draft must stay).
pub fn resume() {
    QUEUE.with(|q| q.borrow_mut().held = false);
}
