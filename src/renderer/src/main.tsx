import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// Sets the theme on <html> before the first paint.
import './stores/theme-store';
import './styles/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
