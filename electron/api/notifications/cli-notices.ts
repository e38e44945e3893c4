/** What `keywarden serve` and `agent` load to print the desktop app's notifications as lines. */
export { notifyFromCoreEvents } from './core-notifier';
export { noticeLine } from './notice-rules';
