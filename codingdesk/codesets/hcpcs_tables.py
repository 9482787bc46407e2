"""What the codes in the HCPCS administrative fields mean, from the CMS
record layout's code tables (shared/data/hcpcs/LAYOUT.md, tables A, B, E, F)."""

COVERAGE = {
    "C": "Carrier judgment",
    "D": "Special coverage instructions apply",
    "I": "Not payable by Medicare",
    "M": "Non-covered by Medicare",
    "S": "Non-covered by Medicare statute",
}

PRICING = {
    "00": "Not separately priced by Part B",
    "11": "Physician fee schedule: national RVUs",
    "12": "Physician fee schedule: national anesthesia base units",
    "13": "Physician fee schedule: priced by carriers",
    "21": "Clinical lab fee schedule: national limitation amount",
    "22": "Clinical lab fee schedule: priced by carriers",
    "31": "DME: frequently serviced",
    "32": "DME: inexpensive and routinely purchased",
    "33": "DME: oxygen and oxygen equipment",
    "34": "DME: supplies",
    "35": "Surgical dressings",
    "36": "DME: capped rental",
    "37": "Ostomy, tracheostomy and urological supplies",
    "38": "Orthotics, prosthetics, prosthetic devices and vision services",
    "39": "Parenteral and enteral nutrition",
    "40": "Lymphedema compression treatment items",
    "45": "Customized DME items",
    "46": "DMEPOS: carrier priced",
    "51": "Drugs",
    "52": "Reasonable charge",
    "53": "Statute",
    "54": "Vaccinations",
    "55": "Splints and casts",
    "56": "IOLs inserted in a physician's office",
    "57": "Other carrier priced",
    "99": "Value not established",
}

MULTIPLE_PRICING = {
    "9": "Not applicable: not separately priced or value not established",
    "A": "Priced under one methodology",
    "B": "Professional component by RVUs; technical component and global by carriers",
    "C": "Physician interpretation by RVUs; lab service on the lab fee schedule",
    "G": "Reasonable charge with blood products, else lab fee schedule",
}

BETOS_GROUPS = {
    "D1": "Durable medical equipment",
    "I1": "Standard imaging",
    "I2": "Advanced imaging (CT/MRI)",
    "I3": "Echography/ultrasonography",
    "I4": "Imaging/procedure",
    "M1": "Office visits",
    "M2": "Hospital visits",
    "M3": "Emergency room visit",
    "M4": "Home or nursing home visit",
    "M5": "Specialist visit",
    "M6": "Consultations",
    "O1": "Other services (ambulance, drugs, nutrition, vaccines...)",
    "P0": "Anesthesia",
    "P1": "Major procedure",
    "P2": "Major cardiovascular procedure",
    "P3": "Major orthopedic procedure",
    "P4": "Eye procedure",
    "P5": "Ambulatory procedure",
    "P6": "Minor procedure",
    "P7": "Oncology",
    "P8": "Endoscopy",
    "P9": "Dialysis services",
    "T1": "Lab tests",
    "T2": "Other tests",
    "Y1": "Other: Medicare fee schedule",
    "Y2": "Other: non-Medicare fee schedule",
    "Z1": "Local codes",
    "Z2": "Undefined codes",
}

TYPE_OF_SERVICE = {
    "0": "Whole blood", "1": "Medical care", "2": "Surgery", "3": "Consultation", "4": "Diagnostic radiology",
    "5": "Diagnostic laboratory", "6": "Therapeutic radiology", "7": "Anesthesia", "8": "Assistant at surgery",
    "9": "Other medical items or services", "A": "Used DME", "D": "Ambulance", "E": "Enteral/parenteral nutrients",
    "F": "Ambulatory surgical center", "G": "Immunosuppressive drugs", "J": "Diabetic shoes",
    "K": "Hearing items and services", "L": "ESRD supplies", "M": "Monthly capitation payment for dialysis",
    "N": "Kidney donor", "P": "Lump sum purchase of DME, prosthetics, orthotics", "Q": "Vision items or services",
    "R": "Rental of DME", "S": "Surgical dressings or other medical supplies", "T": "Outpatient mental health limitation",
    "U": "Occupational therapy", "V": "Pneumococcal/flu vaccine", "W": "Physical therapy",
}


def describe(field: str, value: str) -> str:
    """'36' -> '36: DME: capped rental'; unknown values are shown as they are."""
    table = {"coverage": COVERAGE, "pricing": PRICING, "multiple_pricing": MULTIPLE_PRICING,
             "type_of_service": TYPE_OF_SERVICE}.get(field, {})
    meaning = BETOS_GROUPS.get(value[:2]) if field == "betos" else table.get(value)
    return f"{value}: {meaning}" if meaning else value
