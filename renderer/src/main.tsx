/** Renderer entry: creates the stores once, over window.keywarden, and renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppStoresContext, createAppStores } from './stores/app-stores';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/components.css';
import './styles/accounts.css';
import './styles/audit.css';
import './styles/sections.css';
import './styles/keys.css';
import './styles/trading.css';
import './styles/webhook.css';
import './styles/usage.css';

const stores = createAppStores(window.keywarden);
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <AppStoresContext.Provider value={stores}>
      <App />
    </AppStoresContext.Provider>
  </StrictMode>,
);
