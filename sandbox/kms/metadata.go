package kms

// keyMetadata is the KeyMetadata structure of CreateKey and DescribeKey, in
// the member order KMS sends.
type keyMetadata struct {
	AWSAccountID                string                    `json:"AWSAccountId"`
	KeyID                       string                    `json:"KeyId"`
	Arn                         string                    `json:"Arn"`
	CreationDate                epoch                     `json:"CreationDate"`
	Enabled                     bool                      `json:"Enabled"`
	Description                 string                    `json:"Description"`
	KeyUsage                    string                    `json:"KeyUsage"`
	KeyState                    string                    `json:"KeyState"`
	DeletionDate                *epoch                    `json:"DeletionDate,omitempty"`
	Origin                      string                    `json:"Origin"`
	KeyManager                  string                    `json:"KeyManager"`
	CustomerMasterKeySpec       string                    `json:"CustomerMasterKeySpec"`
	KeySpec                     string                    `json:"KeySpec"`
	EncryptionAlgorithms        []string                  `json:"EncryptionAlgorithms"`
	MultiRegion                 bool                      `json:"MultiRegion"`
	MultiRegionConfiguration    *multiRegionConfiguration `json:"MultiRegionConfiguration,omitempty"`
	PendingDeletionWindowInDays int                       `json:"PendingDeletionWindowInDays,omitempty"`
	CurrentKeyMaterialID        string                    `json:"CurrentKeyMaterialId"`
}

// multiRegionConfiguration describes a multi-Region primary key without replicas.
type multiRegionConfiguration struct {
	MultiRegionKeyType string        `json:"MultiRegionKeyType"`
	PrimaryKey         regionalKey   `json:"PrimaryKey"`
	ReplicaKeys        []regionalKey `json:"ReplicaKeys"`
}

// regionalKey names one key of a multi-Region key set.
type regionalKey struct {
	Arn    string `json:"Arn"`
	Region string `json:"Region"`
}

// metadata describes k; the caller holds s.mu.
func (s *Service) metadata(k *key) keyMetadata {
	m := keyMetadata{
		AWSAccountID:          s.account,
		KeyID:                 k.id,
		Arn:                   k.arn,
		CreationDate:          epoch(k.created),
		Enabled:               k.state() == "Enabled",
		Description:           k.description,
		KeyUsage:              "ENCRYPT_DECRYPT",
		KeyState:              k.state(),
		Origin:                "AWS_KMS",
		KeyManager:            k.manager,
		CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
		KeySpec:               "SYMMETRIC_DEFAULT",
		EncryptionAlgorithms:  []string{"SYMMETRIC_DEFAULT"},
		MultiRegion:           k.multiRegion,
		CurrentKeyMaterialID:  k.materialID,
	}
	if !k.deletionDate.IsZero() {
		d := epoch(k.deletionDate)
		m.DeletionDate = &d
		m.PendingDeletionWindowInDays = k.pendingWindow
	}
	if k.multiRegion {
		m.MultiRegionConfiguration = &multiRegionConfiguration{
			MultiRegionKeyType: "PRIMARY",
			PrimaryKey:         regionalKey{Arn: k.arn, Region: k.region},
			ReplicaKeys:        []regionalKey{},
		}
	}
	return m
}
