/** The CLI lists a key's open orders in the same words the core's messages use for an order. */
export { describeOrder } from '../core/trading/order-description';
