package kubernetes

import (
	"github.com/tollgate-dev/tollgate/evidence"
	"github.com/tollgate-dev/tollgate/evidence/secrets"
)

// redactNames redacts credentials pasted into the names a workload carries
// (its object, namespace, containers, service account, Services, Ingresses
// and the Secrets it uses): a name is no place for a secret, but one pasted
// into the wrong field would otherwise reach every report. Its ID and links
// are redacted where they are made (kubeobj's SubjectID).
func redactNames(w *evidence.Workload) {
	w.Name = secrets.RedactName(w.Name)
	w.Object = secrets.RedactSegments(w.Object)
	w.Namespace = secrets.RedactName(w.Namespace)
	w.ServiceAccount = secrets.RedactName(w.ServiceAccount)
	secrets.RedactNames(w.RecognizedBy)
	secrets.RedactNames(w.CommittedSecrets)
	for i := range w.Containers {
		c := &w.Containers[i]
		c.Name = secrets.RedactName(c.Name)
		for k, v := range c.Env {
			if r := secrets.RedactName(k); r != k {
				delete(c.Env, k)
				c.Env[r] = v
			}
		}
	}
	for i := range w.Services {
		w.Services[i].Name = secrets.RedactName(w.Services[i].Name)
	}
	for i := range w.Ingresses {
		w.Ingresses[i].Name = secrets.RedactName(w.Ingresses[i].Name)
		secrets.RedactNames(w.Ingresses[i].Hosts)
	}
}
