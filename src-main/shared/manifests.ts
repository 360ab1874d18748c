// The sample manifests of the AKS on Azure Stack HCI storage walkthrough (pvc.yaml, demo1–3.yaml).
// The console's home folder (Documents) holds them with STORAGE_SAMPLE_MANIFESTS below;
// resources/manifests/ has the same files for the CLI and users; a console test keeps the two identical.

export const SAMPLE_MANIFESTS: Readonly<Record<string, string>> = {
  'pvc.yaml': `# A claim for 100 GiB that one node at a time can mount read/write. No storageClassName: the
# cluster's default StorageClass (msvhd, a VHDX on the cluster shared volume) provisions it.
# That class makes dynamic VHDX files: the file starts at a few MiB and grows as data is written, so
# the volume's used space hardly moves. Its Files table shows the 100 GiB (Size) beside what the
# file takes (Size on disk). The blog's before-and-after picture used fixed VHDX (dynamic: "false").
apiVersion: "v1"
kind: "PersistentVolumeClaim"
metadata:
  name: "bigvolume"
spec:
  resources:
    requests:
      storage: 100Gi
  accessModes:
    - "ReadWriteOnce"
`,
  'demo1.yaml': `# The demo app in a single pod: it appends a line to /storage/log.txt every minute, so the claim
# myvolumeclaim (1 GiB, provisioned on demand by the default StorageClass) is mounted at /storage.
# The app's image is a Linux one: the nodeSelector keeps the pod on Linux workers, as Microsoft's
# samples do, so it also starts on a cluster with Windows workers (there it would sit in
# ImagePullBackOff). The label lets demo2.yaml find this pod, which holds the claim it shares.
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myvolumeclaim
spec:
  storageClassName: default
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: demo1
  labels:
    mylabel: demo1
spec:
  nodeSelector:
    kubernetes.io/os: linux
  volumes:
    - name: myvolume
      persistentVolumeClaim:
        claimName: myvolumeclaim
  containers:
    - name: demo1
      image: mcr.microsoft.com/azurestackhci/aks-demo:latest
      volumeMounts:
        - mountPath: "/storage"
          name: myvolume
`,
  'demo2.yaml': `# The demo app as a Deployment: every replica mounts the same claim, so they all write to one
# /storage/log.txt. The claim is ReadWriteOnce (one node at a time), so the replicas must share a
# node: the pod affinity below puts each replica on the node of the pods already using the claim
# (demo1's too), and the nodeSelector keeps them on Linux workers (the image is a Linux one).
# Change replicas to 5 and apply the file again to scale out.
#
# demo1.yaml makes the same claim, myvolumeclaim. If demo1 still runs, demo2 joins it on its node
# and writes into the same log, after demo1's lines. For a log of demo2's own, as in the blog,
# first run \`kubectl delete -f demo1.yaml\` and wait until \`kubectl get pvc\` no longer lists
# myvolumeclaim (it goes once demo1's pod has stopped); then apply this file, which makes it anew.
# A replica that stays ContainerCreating with a Multi-Attach error in \`kubectl describe pod\` means
# a pod on another node still holds the claim: delete that pod.
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: myvolumeclaim
spec:
  storageClassName: default
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 1Gi
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo2
spec:
  replicas: 1
  selector:
    matchLabels:
      mylabel: demo2
  template:
    metadata:
      labels:
        mylabel: demo2
    spec:
      nodeSelector:
        kubernetes.io/os: linux
      affinity:
        podAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - labelSelector:
                matchExpressions:
                  - key: mylabel
                    operator: In
                    values: [demo1, demo2]
              topologyKey: kubernetes.io/hostname
      volumes:
        - name: myvolume
          persistentVolumeClaim:
            claimName: myvolumeclaim
      containers:
        - name: demo
          image: mcr.microsoft.com/azurestackhci/aks-demo:latest
          volumeMounts:
            - mountPath: "/storage"
              name: myvolume
`,
  'demo3.yaml': `# The demo app as a StatefulSet of 5: each pod (demo3-0 … demo3-4) gets its own 1 GiB claim
# (myvolume-demo3-0 …) from the volume claim template, so each writes its own /storage/log.txt.
# The headless Service gives the pods their stable network identity. The nodeSelector keeps the
# pods on Linux workers (the image is a Linux one): the set starts its pods one at a time, each
# once the one before is Running, so a single pod on a Windows worker would hold up the rest.
apiVersion: v1
kind: Service
metadata:
  name: demo3
  labels:
    mylabel: demo3
spec:
  clusterIP: None
  selector:
    mylabel: demo3
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: demo3
spec:
  serviceName: demo3
  replicas: 5
  selector:
    matchLabels:
      mylabel: demo3
  template:
    metadata:
      labels:
        mylabel: demo3
    spec:
      nodeSelector:
        kubernetes.io/os: linux
      containers:
        - name: demo3
          image: mcr.microsoft.com/azurestackhci/aks-demo:latest
          volumeMounts:
            - mountPath: "/storage"
              name: myvolume
  volumeClaimTemplates:
    - metadata:
        name: myvolume
      spec:
        storageClassName: default
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`,
}

/**
 * Storage samples beyond the walkthrough, in resources/manifests/ too: a custom StorageClass whose
 * `container` places the VHDX (after New-AksHciStorageContainer), a pre-created PV with its
 * claim, and the blog's picture (a 100 GiB claim on fixed VHDX files). Kept apart from SAMPLE_MANIFESTS, which are exactly the walkthrough's files: the console's
 * home folder holds both sets, the Apply manifest panel lists them as two groups.
 */
export const STORAGE_SAMPLE_MANIFESTS: Readonly<Record<string, string>> = {
  'sc-custom.yaml': `# A custom StorageClass: the same as \`default\` except \`container\`, the storage container made first
# with New-AksHciStorageContainer -Name customStorageContainer -Path C:\\ClusterStorage\\<volume>\\<folder>.
# Each claim of this class gets its VHDX in that folder, so on the cluster shared volume you chose.
# dynamic: "false" makes fixed VHDX files (the whole size allocated at once) instead of dynamic ones.
# The documented class also copies group and hostname from \`kubectl get storageclass default -o yaml\`;
# the lab's driver always talks to its own cloud agent, so they are left out here.
kind: StorageClass
apiVersion: storage.k8s.io/v1
metadata:
  name: aks-hci-disk-custom
provisioner: disk.csi.akshci.com
parameters:
  blocksize: "33554432"
  container: customStorageContainer
  dynamic: "true"
  logicalsectorsize: "4096"
  physicalsectorsize: "4096"
  port: "55000"
  fsType: ext4
allowVolumeExpansion: true
reclaimPolicy: Delete
volumeBindingMode: Immediate
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: customclaim
spec:
  storageClassName: aks-hci-disk-custom
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 10Gi
`,
  'static-pv.yaml': `# A pre-created PersistentVolume and a claim that names it. storageClassName "" keeps the default
# class out, so nothing is provisioned: the persistentvolume-controller binds the claim to the PV
# (Available, then Bound). Delete the claim and the PV stays Released (Retain) with its data, and is
# not bound again; delete the PV while a claim holds it and it waits, Terminating.
apiVersion: v1
kind: PersistentVolume
metadata:
  name: static-pv
spec:
  capacity:
    storage: 5Gi
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  hostPath:
    path: /mnt/static-pv
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: static-claim
spec:
  storageClassName: ""
  volumeName: static-pv
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 5Gi
`,
  'pvc-fixed.yaml': `# The blog's "before and after", exactly: a 100 GiB claim on fixed VHDX files. The default class
# makes dynamic VHDX files, so pvc.yaml adds a 4 MiB file (100 GiB virtual, 4 MiB on disk) and
# Volume01's used space hardly moves; the blog's author switched to fixed "for illustrative effect".
# This class does the same: dynamic: "false" allocates the whole disk when the claim binds, so
# Volume01's used space goes up by 100 GiB (Volumes > Volume01: the Files table and Capacity changes;
# Get-VHD -Path <the file> says VhdType Fixed, FileSize = Size). Apply it after pvc.yaml to compare,
# then delete both claims: the class's reclaimPolicy Delete removes each VHDX with its volume.
kind: StorageClass
apiVersion: storage.k8s.io/v1
metadata:
  name: aks-hci-disk-fixed
provisioner: msvhd
parameters:
  blocksize: "33554432"
  dynamic: "false"
  logicalsectorsize: "4096"
  physicalsectorsize: "4096"
  port: "55000"
allowVolumeExpansion: true
reclaimPolicy: Delete
volumeBindingMode: Immediate
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: bigvolume-fixed
spec:
  storageClassName: aks-hci-disk-fixed
  accessModes:
    - ReadWriteOnce
  resources:
    requests:
      storage: 100Gi
`,
}
