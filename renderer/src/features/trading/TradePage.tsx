/**
 * Personal trading: the kill switch, a manual order through the risk gate (what the gate says is
 * shown before anything is sent), and the order history with live status.
 */
import { useEffect, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { SegmentedChoice } from '../../components/SegmentedChoice';
import { useAppStores } from '../../stores/store-hooks';
import { KillSwitchBar } from './KillSwitchBar';
import { OrderForm } from './OrderForm';
import { OrdersTable } from './OrdersTable';

export function TradePage() {
  const { trading } = useAppStores();
  const [market, setMarket] = useState<'spot' | 'perpetual'>('spot');

  useEffect(() => {
    void trading.getState().loadOrders();
    void trading.getState().loadPause();
  }, [trading]);

  return (
    <>
      <PageHeader
        title="Trade"
        description="Place an order on one of your own accounts. It passes the same risk gate as webhook alerts and the command line, and you see what the gate will say before anything is sent."
      />
      <KillSwitchBar />
      <Section title="New order">
        <SegmentedChoice<'spot' | 'perpetual'> legend="Market" name="market-kind" value={market} onChange={setMarket} options={[{ value: 'spot', label: 'Spot' }, { value: 'perpetual', label: 'Perpetual' }]} />
        <OrderForm key={market} market={market} />
      </Section>
      <Section title="Orders" description="Newest first. Statuses update as the exchange reports fills and cancels.">
        <OrdersTable />
      </Section>
    </>
  );
}
