/** The Assessment island inside its error boundary: pages mount this, not the component itself. */
import Assessment from '../components/Assessment.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(Assessment);
