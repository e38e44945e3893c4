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
        description="Orders on your own accounts, through the same risk gate as alerts and the command line."
      />
      <KillSwitchBar />
      <Section
        title="New order"
        // Spot or perpetual in the section's head, as a tab switch: it changes the whole form below.
        actions={<SegmentedChoice<'spot' | 'perpetual'> legend="Market" hideLegend name="market-kind" value={market} onChange={setMarket} options={[{ value: 'spot', label: 'Spot' }, { value: 'perpetual', label: 'Perpetual' }]} />}
      >
        <OrderForm key={market} market={market} />
      </Section>
      <Section title="Orders" description="Newest first; statuses follow the exchange's fills and cancels.">
        <OrdersTable />
      </Section>
    </>
  );
}
