/** The KnowledgeCheck island inside its error boundary: pages mount this, not the component itself. */
import KnowledgeCheck from '../components/KnowledgeCheck.tsx';
import { guarded } from '../components/IslandBoundary.tsx';

export default guarded(KnowledgeCheck);
