"""PDF/A-2 or (press) PDF/X-4 beside PDF/UA-1: output intents, calibrated RGB, annotations, Info."""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name

from brochure.editions import Edition
from brochure.finish.xmp import Identification
from brochure.resolve.conditions import SRGB, Condition, press_condition

#: Annotation flag "Print" (PDF 32000-1, 12.5.3): PDF/A wants every annotation printable.
PRINT = 4


@dataclass(frozen=True)
class Conformance:
    """What a finished file claims, and the printing condition its colours are meant for."""

    #: The output intent: the press's CMYK condition, or sRGB for screens and office printers.
    condition: Condition = SRGB
    #: PDF/X-4 as well (the press edition): no annotations, trapping key, PDF/X identification.
    pdfx: bool = False

    @property
    def identification(self) -> Identification:
        """PDF/X-4 (press) or PDF/A-2a (the others), and PDF/UA-1. The press makes no PDF/A
        claim: PDF/X-4 asks for `pdf:Trapped` in the XMP, a property that the XMP schemas
        PDF/A-2 admits (XMP 2005) do not have and that no extension schema may add."""
        if self.pdfx:
            return Identification(pdfa_part="", pdfx_version="PDF/X-4", trapped="False")
        return Identification()


#: The office and phone editions (and the job sheet): PDF/A-2a in sRGB.
SCREEN = Conformance()


def conformance_for(edition: Edition, *, paper_stock: str) -> Conformance:
    """PDF/X-4 in the paper stock's printing condition for the press, sRGB for the others."""
    if edition.pdfx:
        return Conformance(press_condition(paper_stock), pdfx=True)
    return SCREEN


def apply_conformance(pdf: pikepdf.Pdf, conformance: Conformance) -> None:
    """The output intent (PDF/A's, or the press's PDF/X one), RGB calibrated as sRGB
    when the intent is CMYK, annotations printable (or, in PDF/X, none), Info keys of PDF/X."""
    condition = conformance.condition
    profile = pdf.make_stream(condition.profile, N=condition.components)
    kind = Name.GTS_PDFX if conformance.pdfx else Name.GTS_PDFA1
    pdf.Root.OutputIntents = Array([_intent(pdf, kind, condition, profile)])
    if condition.components == 4:
        _calibrate_rgb(pdf)
    for page in pdf.pages:
        if conformance.pdfx:
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
        else:
            for annotation in page.obj.get("/Annots", Array()):
                annotation.F = PRINT
    for key, value in list(pdf.docinfo.items()):
        if not str(value):  # an empty entry would need an empty XMP twin
            del pdf.docinfo[key]
    if conformance.pdfx:
        pdf.docinfo["/GTS_PDFXVersion"] = "PDF/X-4"
        pdf.docinfo["/Trapped"] = Name("/False")
    elif "/Trapped" in pdf.docinfo:
        del pdf.docinfo["/Trapped"]


def _intent(pdf: pikepdf.Pdf, kind: Name, condition: Condition, profile: pikepdf.Object) -> pikepdf.Object:
    return pdf.make_indirect(
        Dictionary(
            Type=Name.OutputIntent,
            S=kind,
            OutputConditionIdentifier=pikepdf.String(condition.identifier),
            OutputCondition=pikepdf.String(condition.info),
            Info=pikepdf.String(condition.info),
            RegistryName=pikepdf.String(condition.registry),
            DestOutputProfile=profile,
        )
    )


def _calibrate_rgb(pdf: pikepdf.Pdf) -> None:
    """RGB is sRGB: each page's default RGB space, and every RGB image's own space, is ICCBased
    with the sRGB profile, so nothing device-dependent but the output intent's CMYK remains."""
    srgb = pdf.make_indirect(Array([Name.ICCBased, pdf.make_stream(SRGB.profile, N=3)]))
    for page in pdf.pages:
        resources = page.obj.Resources
        if "/ColorSpace" not in resources:
            resources.ColorSpace = Dictionary()
        resources.ColorSpace.DefaultRGB = srgb
        for image in resources.get("/XObject", Dictionary()).values():
            if image.get("/ColorSpace") == Name.DeviceRGB:
                image.ColorSpace = srgb
