/** Entry point: open the device store, then render. */
// First: makes zod safe under the Content Security Policy (see the module).
import './domain/zod-config';
import { render } from 'preact';
import { App } from './ui/App';
import { startApp } from './ui/app-model';
import './ui/styles.css';

void startApp();
render(<App />, document.getElementById('app')!);
