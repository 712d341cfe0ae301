# expect: tests/scenario/bad/syn-nesting.mms:14:10: error: repeat nested more than 8 deep
# SPDX-License-Identifier: GPL-2.0-only
scenario bad
process p1
thread t1 process p1 {
	repeat 2 {
		repeat 2 {
			repeat 2 {
				repeat 2 {
					repeat 2 {
						repeat 2 {
							repeat 2 {
								repeat 2 {
									repeat 2 {
										write 0x1000
									}
								}
							}
						}
					}
				}
			}
		}
	}
}
