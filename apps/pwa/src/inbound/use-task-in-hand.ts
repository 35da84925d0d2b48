import type { InboundTask } from '@wms/protocol';
import { useState } from 'react';

export interface TaskInHand {
  task: InboundTask | undefined;
  /** Its units not decided or put away yet. */
  left: number;
  /** Changes when another task, or more of this one, comes into hand: the form starts afresh. */
  formKey: string;
}

/**
 * The first open task, kept in hand while the list changes under it (a pull brings the server's
 * tasks in another order): what the worker scanned or typed is never wiped by a background sync.
 * `onNewForm` runs (during render, as React allows for a component's own state) whenever
 * `formKey` changes, to reset the screen's fields.
 */
export function useTaskInHand(
  tasks: readonly InboundTask[],
  onNewForm: (left: number) => void,
): TaskInHand {
  const [inHand, setInHand] = useState<string | null>(null);
  const task = tasks.find((x) => x.id === inHand) ?? tasks[0];
  if (task && task.id !== inHand) setInHand(task.id);
  const left = task ? task.qty - task.doneQty : 0;
  const [formOf, setFormOf] = useState('');
  const formKey = task ? `${task.id}:${left}` : '';
  if (formKey !== formOf) {
    setFormOf(formKey);
    onNewForm(left);
  }
  return { task, left, formKey };
}
