/**
 * Constructor options for a perpetual-futures (USDT-margined, linear) ccxt client: only the linear
 * markets load, publicly (no private call at load), and orders default to the futures API
 * (Binance /fapi, Bybit category=linear). The spot client keeps its own options (exchange-client.ts).
 */
export function linearOnlyConfig(exchangeId: string): Record<string, unknown> {
  switch (exchangeId) {
    case 'binance':
      // fetchCurrencies (/sapi capital config) and fetchMargins (/sapi margin pairs) are private: off.
      return { options: { defaultType: 'future', defaultSubType: 'linear', fetchCurrencies: false, fetchMargins: false, fetchMarkets: { types: ['linear'] } } };
    case 'bybit':
      // Only has.fetchCurrencies = false stops Bybit's private coin query at load (see exchange-client.ts).
      return { has: { fetchCurrencies: false }, options: { defaultType: 'swap', defaultSubType: 'linear', fetchMarkets: { types: ['linear'] } } };
    default:
      return { options: { defaultType: 'swap', defaultSubType: 'linear' } };
  }
}
