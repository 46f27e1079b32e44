import Foundation

extension FlashAlgorithm {
    /// The parsed algorithm as JSON (numbers in decimal, the image in base64):
    /// what `algo --json` prints and the C interface hands to Python.
    public var jsonValue: JSONValue {
        var entries: [String: JSONValue] = [:]
        for (function, offset) in entryPoints { entries[function.rawValue] = .number(String(offset)) }
        return .object([
            "source": .string(source),
            "device": device.jsonValue,
            "entry_points": .object(entries),
            "code": Self.json(code),
            "data": Self.json(data),
            "zero_initialized": Self.json(zeroInitialized),
            "static_base": .number(String(staticBase)),
            "image": .string(Data(image).base64EncodedString()),
            "warnings": .array(warnings.map(JSONValue.string)),
        ])
    }

    static func json(_ range: Range<UInt32>) -> JSONValue {
        .object(["start": .number(String(range.lowerBound)), "size": .number(String(range.count))])
    }
}

extension FlashDevice {
    public var jsonValue: JSONValue {
        .object([
            "name": .string(name),
            "version": .number(String(version)),
            "type": .number(String(type)),
            "start": .number(String(start)),
            "size": .number(String(size)),
            "page_size": .number(String(pageSize)),
            "erased_value": .number(String(erasedValue)),
            "program_timeout_ms": .number(String(programTimeout)),
            "erase_timeout_ms": .number(String(eraseTimeout)),
            "sectors": .array(sectors.map { .object(["offset": .number(String($0.offset)), "size": .number(String($0.size))]) }),
            "sector_ranges": .array(sectorRanges.map { range in
                .object(["start": .number(String(range.start)), "end": .number(String(range.end)),
                         "sector_size": .number(String(range.sectorSize)), "count": .number(String(range.count))])
            }),
        ])
    }
}

extension FlashAlgorithmPlacement {
    /// pyOCD's `FLASH_ALGO` dictionary, with its key names: what
    /// `PackFlashAlgo.get_pyocd_flash_algo` returns for the same RAM.
    public var pyOCDValue: JSONValue {
        func address(_ function: FlashAlgorithm.Function) -> JSONValue { .number(String(entryPoints[function] ?? 0xFFFF_FFFF)) }
        return .object([
            "load_address": .number(String(loadAddress)),
            "instructions": .array(instructions.map { .number(String($0)) }),
            "pc_init": address(.initialize),
            "pc_unInit": address(.uninitialize),
            "pc_eraseAll": address(.eraseChip),
            "pc_erase_sector": address(.eraseSector),
            "pc_program_page": address(.programPage),
            "page_buffers": .array(pageBuffers.map { .number(String($0)) }),
            "begin_stack": .number(String(stackTop)),
            "end_stack": .number(String(stackBottom)),
            "static_base": .number(String(staticBase)),
            "min_program_length": .number(String(minimumProgramLength)),
            "analyzer_supported": .bool(false),
        ])
    }
}
