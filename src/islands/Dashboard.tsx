/** The Dashboard island inside its error boundary: pages mount this, not the component itself. */
import Dashboard from '../components/Dashboard.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(Dashboard);
