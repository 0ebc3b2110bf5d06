/** The RecordsPanel island inside its error boundary: pages mount this, not the component itself. */
import RecordsPanel from '../components/RecordsPanel.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(RecordsPanel);
