/* ACPI table layouts the hypervisor reads (ACPI 6.x, ch. 5). */
#ifndef X86_ACPI_H
#define X86_ACPI_H

#include <types.h>

#define ACPI_SIG_RSDP   "RSD PTR "
#define ACPI_SIG_RSDT   "RSDT"
#define ACPI_SIG_XSDT   "XSDT"
#define ACPI_SIG_MADT   "APIC"
#define ACPI_SIG_FADT   "FACP"
#define ACPI_SIG_DSDT   "DSDT"

#define ACPI_RSDP_V1_LEN 20u

struct PACKED acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;       /* 0: ACPI 1.0, 2: 2.0 and later */
	uint32_t rsdt_address;
	uint32_t length;        /* from revision 2 on */
	uint64_t xsdt_address;
	uint8_t ext_checksum;
	uint8_t reserved[3];
};

struct PACKED acpi_sdt {
	char signature[4];
	uint32_t length;        /* including this header */
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
};

struct PACKED acpi_madt {
	struct acpi_sdt hdr;
	uint32_t lapic_address;
	uint32_t flags;
};

#define MADT_LAPIC              0
#define MADT_X2APIC             9
#define MADT_LAPIC_ENABLED      (1u << 0)
#define MADT_LAPIC_ONLINE_CAPABLE (1u << 1)

struct PACKED madt_entry {
	uint8_t type, length;
};

struct PACKED madt_lapic {
	uint8_t type, length;
	uint8_t processor_id, apic_id;
	uint32_t flags;
};

struct PACKED madt_x2apic {
	uint8_t type, length;
	uint16_t reserved;
	uint32_t x2apic_id, flags, processor_uid;
};

/* The fixed ACPI description table, up to the fields used here. */
struct PACKED acpi_fadt {
	struct acpi_sdt hdr;
	uint32_t firmware_ctrl;
	uint32_t dsdt;
	uint8_t reserved0;
	uint8_t preferred_pm_profile;
	uint16_t sci_int;
	uint32_t smi_cmd;
	uint8_t acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
	uint32_t pm1a_evt_blk, pm1b_evt_blk;
	uint32_t pm1a_cnt_blk, pm1b_cnt_blk;
};

#define ACPI_PM1_SLP_TYP_SHIFT  10
#define ACPI_PM1_SLP_EN         (1u << 13)

/* AML opcodes needed to read the \_S5 package (ACPI 6.x, ch. 20). */
#define AML_NAME_OP     0x08
#define AML_PACKAGE_OP  0x12
#define AML_BYTE_PREFIX 0x0A
#define AML_ZERO_OP     0x00
#define AML_ONE_OP      0x01

#endif
