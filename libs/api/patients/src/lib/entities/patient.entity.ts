import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { IdentityStatus, Sex, TemporaryIdentityReason } from '@benhan/shared/contracts';

@Entity('patients')
export class PatientEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'facility_id', type: 'uuid' }) facilityId!: string;
  /** Mã bệnh nhân: issued per facility and year, never reused. */
  @Column({ name: 'patient_code', type: 'varchar', length: 20 }) patientCode!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  /** `fullName` folded for accent-free search (see foldVietnamese). */
  @Column({ name: 'search_name', type: 'text' }) searchName!: string;
  @Column({ name: 'birth_date', type: 'date', nullable: true }) birthDate!: string | null;
  @Column({ name: 'birth_year', type: 'smallint' }) birthYear!: number;
  @Column({ type: 'varchar', length: 10 }) sex!: Sex;
  /** CCCD, the 12-digit personal ID. */
  @Column({ name: 'citizen_id', type: 'char', length: 12, nullable: true }) citizenId!: string | null;
  @Column({ name: 'identity_status', type: 'varchar', length: 12, default: 'verified' }) identityStatus!: IdentityStatus;
  @Column({ name: 'temporary_reason', type: 'varchar', length: 20, nullable: true }) temporaryReason!: TemporaryIdentityReason | null;
  @Column({ name: 'ethnicity_code', type: 'varchar', length: 2, nullable: true }) ethnicityCode!: string | null;
  @Column({ type: 'char', length: 2, default: 'VN' }) nationality!: string;
  @Column({ type: 'text', nullable: true }) occupation!: string | null;
  @Column({ name: 'address_province_code', type: 'varchar', length: 2, nullable: true }) addressProvinceCode!: string | null;
  @Column({ name: 'address_commune_code', type: 'varchar', length: 5, nullable: true }) addressCommuneCode!: string | null;
  @Column({ name: 'address_street', type: 'text', nullable: true }) addressStreet!: string | null;
  @Column({ type: 'varchar', length: 15, nullable: true }) phone!: string | null;
  @Column({ name: 'guardian_name', type: 'text', nullable: true }) guardianName!: string | null;
  @Column({ name: 'guardian_relationship', type: 'text', nullable: true }) guardianRelationship!: string | null;
  @Column({ name: 'guardian_phone', type: 'varchar', length: 15, nullable: true }) guardianPhone!: string | null;
  /** Thẻ BHYT. */
  @Column({ name: 'insurance_card_number', type: 'char', length: 15, nullable: true }) insuranceCardNumber!: string | null;
  @Column({ name: 'insurance_valid_from', type: 'date', nullable: true }) insuranceValidFrom!: string | null;
  @Column({ name: 'insurance_valid_to', type: 'date', nullable: true }) insuranceValidTo!: string | null;
  @Column({ name: 'insurance_facility_code', type: 'char', length: 5, nullable: true }) insuranceFacilityCode!: string | null;
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true }) mergedIntoId!: string | null;
  @Column({ name: 'merged_at', type: 'timestamptz', nullable: true }) mergedAt!: Date | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
