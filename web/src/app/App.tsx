import { lazy } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { Overview } from '../screens/overview/Overview';
import { Layout } from './Layout';
import { NotFound } from './NotFound';
import { WorkspaceProvider } from './workspace';

// The overview is in the first bundle; every other screen loads when it is opened.
const Registry = lazy(() => import('../screens/registry/Registry'));
const Person = lazy(() => import('../screens/person/Person'));
const Dossier = lazy(() => import('../screens/facility/Dossier'));
const MapScreen = lazy(() => import('../screens/map/MapScreen'));
const Testimony = lazy(() => import('../screens/testimony/Testimony'));
const ImportWizard = lazy(() => import('../screens/import/ImportWizard'));
const LinkageReview = lazy(() => import('../screens/linkage/LinkageReview'));
const Evidence = lazy(() => import('../screens/evidence/Evidence'));
const EvidenceItem = lazy(() => import('../screens/evidence/EvidenceItem'));
const Login = lazy(() => import('../screens/login/Login'));

export function App() {
  return (
    <WorkspaceProvider>
      <BrowserRouter>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Overview />} />
            <Route path="persons" element={<Registry />} />
            <Route path="persons/:id" element={<Person />} />
            <Route path="facilities/:id" element={<Dossier />} />
            <Route path="map" element={<MapScreen />} />
            <Route path="testimonies/new" element={<Testimony />} />
            <Route path="imports" element={<ImportWizard />} />
            <Route path="linkage" element={<LinkageReview />} />
            <Route path="evidence" element={<Evidence />} />
            <Route path="evidence/:id" element={<EvidenceItem />} />
            <Route path="login" element={<Login />} />
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </WorkspaceProvider>
  );
}
