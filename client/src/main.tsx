// Entry point: mounts the app. Styles are imported here so Vite bundles them.
import { render } from 'preact';
import { App } from './app/App';
import './styles.css';

render(<App />, document.getElementById('app')!);
