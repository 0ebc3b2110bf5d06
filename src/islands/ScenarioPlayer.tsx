/** The ScenarioPlayer island inside its error boundary: pages mount this, not the component itself. */
import ScenarioPlayer from '../components/ScenarioPlayer.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(ScenarioPlayer);
