"""The vehicle catalogue (车型目录) and the configurator (选配).

HQ publishes the catalogue in numbered versions; each dealer keeps a copy plus its own
accessories and selling prices (DealerPricing). A configuration is checked against both, priced,
and turned into quote lines: one vehicle line keyed on the model code (KPI and commission key on
it) and one line per accessory.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from types import MappingProxyType

from crm_common.errors import InvalidInput
from crm_opportunities.domain.quote import LineKind, QuoteLine

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Quote amounts are stored as NUMERIC(14, 2): anything larger could not be quoted.
MAX_AMOUNT = Decimal("999999999999.99")
# Quote line codes are at most 40 characters and descriptions at most 200.
MAX_CODE = 40
MAX_NAME = 200
MAX_DESCRIPTION = 200
ELLIPSIS = "…"


class RuleKind(StrEnum):
    REQUIRES = "requires"
    EXCLUDES = "excludes"


class ItemKind(StrEnum):
    TRIM = "trim"
    COLOUR = "colour"
    OPTION = "option"
    ACCESSORY = "accessory"


# --- The catalogue --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Colour:
    code: str
    name: str
    msrp: Decimal
    """The surcharge over the trim's MSRP; 0 for the standard paints."""
    invoice_price: Decimal


@dataclass(frozen=True, slots=True)
class Option:
    code: str
    name: str
    msrp: Decimal
    invoice_price: Decimal


@dataclass(frozen=True, slots=True)
class Trim:
    code: str
    name: str
    msrp: Decimal
    invoice_price: Decimal
    colours: tuple[Colour, ...]
    options: tuple[Option, ...]
    """Every option available on this trim, the standard ones included."""
    standard_options: tuple[str, ...]
    """Codes of the options fitted at no charge: implied by every configuration of the trim."""

    def colour(self, code: str) -> Colour | None:
        return next((c for c in self.colours if c.code == code), None)

    def option(self, code: str) -> Option | None:
        return next((o for o in self.options if o.code == code), None)


@dataclass(frozen=True, slots=True)
class Model:
    code: str
    name: str
    product_line: str
    trims: tuple[Trim, ...]

    def trim(self, code: str) -> Trim | None:
        return next((t for t in self.trims if t.code == code), None)


@dataclass(frozen=True, slots=True)
class Rule:
    kind: RuleKind
    option: str
    others: tuple[str, ...]
    """REQUIRES: all of them are needed with ``option``; EXCLUDES: none may go with it."""
    message: str | None = None


@dataclass(frozen=True, slots=True)
class Catalog:
    version: int
    models: tuple[Model, ...]
    rules: tuple[Rule, ...]

    def model(self, code: str) -> Model | None:
        return next((m for m in self.models if m.code == code), None)


# --- Parsing HQ's document -----------------------------------------------------------------


def parse_catalog(version: int, document: Mapping[str, object]) -> Catalog:
    """The catalogue HQ published as ``document``; InvalidInput names the first field at fault
    with a dotted path (``catalog.models[1].trims[0].msrp``)."""
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InvalidInput("catalog.version", "the catalogue version is a positive integer")
    root = _mapping(document, "catalog")
    models_doc = _list(root, "models", "catalog")
    models: list[Model] = []
    model_codes: set[str] = set()
    trim_codes: set[str] = set()
    offered: set[str] = set()
    for i, item in enumerate(models_doc):
        where = f"catalog.models[{i}]"
        model = _parse_model(_mapping(item, where), where, trim_codes)
        if model.code in model_codes:
            raise InvalidInput(f"{where}.code", f"model {model.code} is listed twice")
        model_codes.add(model.code)
        offered.update(o.code for t in model.trims for o in t.options)
        models.append(model)
    rules = tuple(
        _parse_rule(_mapping(item, f"catalog.rules[{i}]"), f"catalog.rules[{i}]", offered)
        for i, item in enumerate(_list(root, "rules", "catalog"))
    )
    return Catalog(version=version, models=tuple(models), rules=rules)


def _parse_model(doc: Mapping[str, object], where: str, trim_codes: set[str]) -> Model:
    code = _code(doc, "code", where)
    name = _name(doc, "name", where)
    product_line = _name(doc, "product_line", where)
    trims_doc = _list(doc, "trims", where)
    if not trims_doc:
        raise InvalidInput(f"{where}.trims", f"model {code} has no trim")
    trims: list[Trim] = []
    for i, item in enumerate(trims_doc):
        trim_where = f"{where}.trims[{i}]"
        trim = _parse_trim(_mapping(item, trim_where), trim_where)
        # Trim codes are unique across the catalogue: a configuration or price list names a trim
        # by its code alone.
        if trim.code in trim_codes:
            raise InvalidInput(f"{trim_where}.code", f"trim {trim.code} is listed twice")
        trim_codes.add(trim.code)
        trims.append(trim)
    return Model(code=code, name=name, product_line=product_line, trims=tuple(trims))


def _parse_trim(doc: Mapping[str, object], where: str) -> Trim:
    code = _code(doc, "code", where)
    name = _name(doc, "name", where)
    msrp = _money(doc, "msrp", where)
    invoice_price = _money(doc, "invoice_price", where)
    if invoice_price > msrp:
        raise InvalidInput(
            f"{where}.invoice_price", f"trim {code}'s invoice price is above its MSRP"
        )
    colours_doc = _list(doc, "colours", where)
    if not colours_doc:
        # A configuration always names a colour, so a trim without one could never be sold.
        raise InvalidInput(f"{where}.colours", f"trim {code} has no colour")
    colours: list[Colour] = []
    for i, item in enumerate(colours_doc):
        c_where = f"{where}.colours[{i}]"
        c_doc = _mapping(item, c_where)
        colour = Colour(
            code=_code(c_doc, "code", c_where),
            name=_name(c_doc, "name", c_where),
            msrp=_money(c_doc, "msrp", c_where),
            invoice_price=_money(c_doc, "invoice_price", c_where),
        )
        if any(c.code == colour.code for c in colours):
            raise InvalidInput(f"{c_where}.code", f"colour {colour.code} is listed twice")
        colours.append(colour)
    options: list[Option] = []
    for i, item in enumerate(_list(doc, "options", where)):
        o_where = f"{where}.options[{i}]"
        o_doc = _mapping(item, o_where)
        option = Option(
            code=_code(o_doc, "code", o_where),
            name=_name(o_doc, "name", o_where),
            msrp=_money(o_doc, "msrp", o_where),
            invoice_price=_money(o_doc, "invoice_price", o_where),
        )
        if any(o.code == option.code for o in options):
            raise InvalidInput(f"{o_where}.code", f"option {option.code} is listed twice")
        options.append(option)
    available = {o.code for o in options}
    standard: list[str] = []
    for i, item in enumerate(_list(doc, "standard_options", where)):
        s_where = f"{where}.standard_options[{i}]"
        s_code = _code_value(item, s_where)
        if s_code not in available:
            raise InvalidInput(s_where, f"standard option {s_code} is not an option of {code}")
        if s_code in standard:
            raise InvalidInput(s_where, f"standard option {s_code} is listed twice")
        standard.append(s_code)
    return Trim(
        code=code,
        name=name,
        msrp=msrp,
        invoice_price=invoice_price,
        colours=tuple(colours),
        options=tuple(options),
        standard_options=tuple(standard),
    )


def _parse_rule(doc: Mapping[str, object], where: str, offered: set[str]) -> Rule:
    raw_kind = doc.get("kind")
    if raw_kind not in {k.value for k in RuleKind}:
        raise InvalidInput(f"{where}.kind", "a rule is 'requires' or 'excludes'")
    kind = RuleKind(str(raw_kind))
    option = _code(doc, "option", where)
    # A rule about an option no trim offers is a typo in HQ's document, not a harmless no-op.
    if option not in offered:
        raise InvalidInput(f"{where}.option", f"no trim offers option {option}")
    others_doc = _list(doc, "others", where)
    if not others_doc:
        raise InvalidInput(f"{where}.others", "a rule names at least one other option")
    others: list[str] = []
    for i, item in enumerate(others_doc):
        o_where = f"{where}.others[{i}]"
        other = _code_value(item, o_where)
        if other == option:
            raise InvalidInput(o_where, f"option {option} cannot be a rule about itself")
        if other not in offered:
            raise InvalidInput(o_where, f"no trim offers option {other}")
        if other in others:
            raise InvalidInput(o_where, f"option {other} is listed twice")
        others.append(other)
    message = doc.get("message")
    if message is not None and (not isinstance(message, str) or not message.strip()):
        raise InvalidInput(f"{where}.message", "a rule's message is a non-blank string or null")
    return Rule(kind=kind, option=option, others=tuple(others), message=message)


def _mapping(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise InvalidInput(where, "expected an object")
    return value


def _list(doc: Mapping[str, object], key: str, where: str) -> Sequence[object]:
    value = doc.get(key)
    # A bare string is a Sequence too, but never a list of things.
    if not isinstance(value, list | tuple):
        raise InvalidInput(f"{where}.{key}", f"{key} is a required list")
    return value


def _code_value(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(where, "a code is a non-blank string")
    if value != value.strip() or len(value) > MAX_CODE:
        raise InvalidInput(where, f"a code has no surrounding spaces and at most {MAX_CODE} chars")
    return value


def _code(doc: Mapping[str, object], key: str, where: str) -> str:
    return _code_value(doc.get(key), f"{where}.{key}")


def _name(doc: Mapping[str, object], key: str, where: str) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_NAME:
        raise InvalidInput(f"{where}.{key}", f"{key} is a non-blank string of at most {MAX_NAME}")
    return value


def _money(doc: Mapping[str, object], key: str, where: str) -> Decimal:
    field_ = f"{where}.{key}"
    value = doc.get(key)
    # JSON carries prices as strings ("189900.00") or numbers; a bool is never a price.
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise InvalidInput(field_, f"{key} is a required amount")
    try:
        amount = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise InvalidInput(field_, f"{key} is not an amount") from None
    if not amount.is_finite():
        raise InvalidInput(field_, f"{key} is not an amount")
    if amount < 0:
        raise InvalidInput(field_, f"{key} is negative")
    if amount != amount.quantize(CENT, ROUND_HALF_UP):
        raise InvalidInput(field_, f"{key} has more than two decimal places")
    if amount > MAX_AMOUNT:
        raise InvalidInput(field_, f"{key} is too large")
    return amount.quantize(CENT)


def catalog_document(catalog: Catalog) -> dict[str, object]:
    """The document ``parse_catalog`` reads (the version travels beside it)."""
    return {
        "models": [
            {
                "code": m.code,
                "name": m.name,
                "product_line": m.product_line,
                "trims": [_trim_document(t) for t in m.trims],
            }
            for m in catalog.models
        ],
        "rules": [
            {
                "kind": r.kind.value,
                "option": r.option,
                "others": list(r.others),
                "message": r.message,
            }
            for r in catalog.rules
        ],
    }


def _trim_document(trim: Trim) -> dict[str, object]:
    return {
        "code": trim.code,
        "name": trim.name,
        "msrp": _amount_text(trim.msrp),
        "invoice_price": _amount_text(trim.invoice_price),
        "colours": [_priced_document(c) for c in trim.colours],
        "options": [_priced_document(o) for o in trim.options],
        "standard_options": list(trim.standard_options),
    }


def _priced_document(thing: Colour | Option) -> dict[str, object]:
    return {
        "code": thing.code,
        "name": thing.name,
        "msrp": _amount_text(thing.msrp),
        "invoice_price": _amount_text(thing.invoice_price),
    }


def _amount_text(amount: Decimal) -> str:
    # Fixed-point, never "1.899E+5": the document is read by people and other systems too.
    return f"{amount.quantize(CENT, ROUND_HALF_UP):f}"


# --- The dealer's side ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Accessory:
    code: str
    name: str
    price: Decimal
    cost: Decimal
    fits_models: tuple[str, ...] = ()
    """Model codes it fits; empty when it fits every model."""

    def __post_init__(self) -> None:
        _code_value(self.code, "code")
        if not self.name.strip():
            raise InvalidInput("name", "an accessory has a name")
        if self.price < 0:
            raise InvalidInput("price", "an accessory's price is not negative")
        if self.cost < 0:
            raise InvalidInput("cost", "an accessory's cost is not negative")

    def fits(self, model_code: str) -> bool:
        return not self.fits_models or model_code in self.fits_models


@dataclass(frozen=True, slots=True)
class DealerPricing:
    trim_prices: Mapping[str, Decimal]
    """The dealer's selling price of a trim, where it differs from the MSRP."""
    accessories: Mapping[str, Accessory]
    """By accessory code."""

    def __post_init__(self) -> None:
        for code, price in self.trim_prices.items():
            if price < 0:
                raise InvalidInput(f"trim_prices.{code}", "a trim's price is not negative")
        for code, accessory in self.accessories.items():
            if accessory.code != code:
                raise InvalidInput(f"accessories.{code}", f"keyed by {code}, not its own code")
        # Read-only copies: a frozen pricing must not change under the caller's feet.
        object.__setattr__(self, "trim_prices", MappingProxyType(dict(self.trim_prices)))
        object.__setattr__(self, "accessories", MappingProxyType(dict(self.accessories)))

    @classmethod
    def empty(cls) -> DealerPricing:
        return cls(trim_prices={}, accessories={})

    @classmethod
    def of(
        cls, accessories: Iterable[Accessory], trim_prices: Mapping[str, Decimal] | None = None
    ) -> DealerPricing:
        return cls(trim_prices=trim_prices or {}, accessories={a.code: a for a in accessories})

    def trim_price(self, trim: Trim) -> Decimal:
        return self.trim_prices.get(trim.code, trim.msrp)


# --- Configuring ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Configuration:
    model_code: str
    trim_code: str
    colour_code: str
    options: tuple[str, ...] = ()
    accessories: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteTemplate:
    """A standard package of a dealer (报价模板): a configuration and lines a quote starts
    from."""

    name: str
    configuration: Configuration | None
    lines: list[QuoteLine]
    extra_discount: Decimal


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    message: str


def check_configuration(
    catalog: Catalog, pricing: DealerPricing, configuration: Configuration
) -> list[Problem]:
    """Every problem of the configuration, in field order, each naming its field."""
    problems: list[Problem] = []
    model = catalog.model(configuration.model_code)
    trim: Trim | None = None
    if model is None:
        problems.append(Problem("model_code", f"unknown model {configuration.model_code}"))
    else:
        trim = model.trim(configuration.trim_code)
        if trim is None:
            problems.append(
                Problem("trim_code", f"{configuration.trim_code} is not a trim of {model.code}")
            )
    if trim is not None and trim.colour(configuration.colour_code) is None:
        problems.append(
            Problem(
                "colour_code", f"colour {configuration.colour_code} is not offered on {trim.code}"
            )
        )
    problems.extend(_option_problems(catalog, trim, configuration.options))
    problems.extend(_accessory_problems(pricing, model, configuration.accessories))
    return problems


def _option_problems(catalog: Catalog, trim: Trim | None, chosen: tuple[str, ...]) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, code in enumerate(chosen):
        if code in seen:
            problems.append(Problem(f"options[{i}]", f"option {code} is chosen twice"))
        elif trim is not None and trim.option(code) is None:
            problems.append(
                Problem(f"options[{i}]", f"option {code} is not available on {trim.code}")
            )
        seen.add(code)
    if trim is None:
        # Without a trim there is no standard equipment to weigh the rules against.
        return problems
    standard = set(trim.standard_options)
    present = standard | {c for c in chosen if trim.option(c) is not None}

    def field_of(codes: Iterable[str]) -> str:
        # Name the option the customer chose and can drop (the last one); if only standard
        # equipment is involved, the trim itself is at fault.
        positions = [chosen.index(c) for c in codes if c in chosen and c not in standard]
        return f"options[{max(positions)}]" if positions else "trim_code"

    def name(code: str) -> str:
        option = trim.option(code)
        return option.name if option is not None else code

    for rule in catalog.rules:
        if rule.option not in present:
            continue
        if rule.kind is RuleKind.REQUIRES:
            missing = [c for c in rule.others if c not in present]
            if missing:
                text = f"{name(rule.option)} requires {', '.join(name(c) for c in missing)}"
                problems.append(Problem(field_of([rule.option]), rule.message or text))
        else:
            clashing = [c for c in rule.others if c in present]
            if clashing:
                text = (
                    f"{name(rule.option)} cannot be combined with "
                    f"{', '.join(name(c) for c in clashing)}"
                )
                problems.append(Problem(field_of([rule.option, *clashing]), rule.message or text))
    return problems


def _accessory_problems(
    pricing: DealerPricing, model: Model | None, chosen: tuple[str, ...]
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, code in enumerate(chosen):
        accessory = pricing.accessories.get(code)
        if code in seen:
            problems.append(Problem(f"accessories[{i}]", f"accessory {code} is chosen twice"))
        elif accessory is None:
            problems.append(Problem(f"accessories[{i}]", f"unknown accessory {code}"))
        elif model is not None and not accessory.fits(model.code):
            problems.append(
                Problem(f"accessories[{i}]", f"{accessory.name} does not fit {model.code}")
            )
        seen.add(code)
    return problems


# --- Pricing --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PricedItem:
    kind: ItemKind
    code: str
    name: str
    msrp: Decimal
    price: Decimal
    cost: Decimal


@dataclass(frozen=True, slots=True)
class PricedConfiguration:
    catalog_version: int
    configuration: Configuration
    model_code: str
    model_name: str
    items: tuple[PricedItem, ...]
    """The trim, the colour, the charged options (standard ones are not), then accessories."""

    @property
    def msrp_total(self) -> Decimal:
        return sum((i.msrp for i in self.items), ZERO)

    @property
    def price_total(self) -> Decimal:
        return sum((i.price for i in self.items), ZERO)

    @property
    def cost_total(self) -> Decimal:
        return sum((i.cost for i in self.items), ZERO)

    def quote_lines(self) -> list[QuoteLine]:
        """One vehicle line (trim, colour and options together, coded by the model, since KPI
        and commission key on the model code) and one line per accessory."""
        vehicle = [i for i in self.items if i.kind is not ItemKind.ACCESSORY]
        trim = next(i for i in vehicle if i.kind is ItemKind.TRIM)
        colour = next(i for i in vehicle if i.kind is ItemKind.COLOUR)
        options = [i.name for i in vehicle if i.kind is ItemKind.OPTION]
        description = f"{self.model_name} {trim.name} · {colour.name}"
        if options:
            description += f" · {', '.join(options)}"
        lines = [
            QuoteLine(
                kind=LineKind.VEHICLE,
                code=self.model_code,
                description=_fit(description),
                list_price=sum((i.msrp for i in vehicle), ZERO),
                price=sum((i.price for i in vehicle), ZERO),
                cost=sum((i.cost for i in vehicle), ZERO),
            )
        ]
        lines.extend(
            QuoteLine(
                kind=LineKind.ACCESSORY,
                code=i.code,
                description=_fit(i.name),
                list_price=i.price,
                price=i.price,
                cost=i.cost,
            )
            for i in self.items
            if i.kind is ItemKind.ACCESSORY
        )
        return lines


def price_configuration(
    catalog: Catalog, pricing: DealerPricing, configuration: Configuration
) -> PricedConfiguration:
    """The configuration priced; InvalidInput (``configuration.<field>``) if it is not valid."""
    problems = check_configuration(catalog, pricing, configuration)
    if problems:
        first = problems[0]
        raise InvalidInput(f"configuration.{first.field}", first.message)
    model = catalog.model(configuration.model_code)
    trim = model.trim(configuration.trim_code) if model is not None else None
    colour = trim.colour(configuration.colour_code) if trim is not None else None
    # check_configuration found the model, trim and colour.
    assert model is not None
    assert trim is not None
    assert colour is not None
    items = [
        PricedItem(
            ItemKind.TRIM,
            trim.code,
            trim.name,
            trim.msrp,
            pricing.trim_price(trim),
            trim.invoice_price,
        ),
        PricedItem(
            ItemKind.COLOUR,
            colour.code,
            colour.name,
            colour.msrp,
            colour.msrp,
            colour.invoice_price,
        ),
    ]
    for code in configuration.options:
        option = trim.option(code)
        # Standard equipment is in the trim's price; naming it explicitly charges nothing more.
        if option is None or code in trim.standard_options:
            continue
        items.append(
            PricedItem(
                ItemKind.OPTION,
                option.code,
                option.name,
                option.msrp,
                option.msrp,
                option.invoice_price,
            )
        )
    for code in configuration.accessories:
        accessory = pricing.accessories[code]
        items.append(
            PricedItem(
                ItemKind.ACCESSORY,
                accessory.code,
                accessory.name,
                accessory.price,
                accessory.price,
                accessory.cost,
            )
        )
    return PricedConfiguration(
        catalog_version=catalog.version,
        configuration=configuration,
        model_code=model.code,
        model_name=model.name,
        items=tuple(items),
    )


def _fit(text: str) -> str:
    # Quote line descriptions are at most 200 characters.
    if len(text) <= MAX_DESCRIPTION:
        return text
    return text[: MAX_DESCRIPTION - len(ELLIPSIS)] + ELLIPSIS
